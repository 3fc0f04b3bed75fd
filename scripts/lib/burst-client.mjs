// The livestream benchmark's load generator: prebuilt HTTP/1.1 requests sent over kept-alive sockets,
// one request in flight per socket, each answer's status and latency. The client shares the machine's
// two cores with the server it measures, so it should cost as little as it can: the requests are
// built before the burst (as 14,000 phones build their own), and an answer is read only as far as its
// status line and Content-Length. autocannon built each request anew in the burst (~80 µs of CPU a
// request, as much as a fifth of the server's); see docs/benchmarks.md for the figures.
import net from "node:net";

/** One request as the bytes sent on the socket. `headers` are added as given. */
export function requestBytes({ method = "POST", path, host, headers = {}, body = "" }) {
  const payload = Buffer.from(body, "utf8");
  let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-length: ${payload.length}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), payload]);
}

const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * The head's status and the whole answer's length in bytes, once `data` holds the head; null before.
 * Answers without a Content-Length (chunked) are not expected from the routes measured and throw.
 */
function answerShape(data) {
  const headEnd = data.indexOf(HEAD_END);
  if (headEnd < 0) return null;
  const head = data.toString("latin1", 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!length) throw new Error(`an answer without Content-Length: ${head.split("\r\n")[0]}`);
  return { status, bytes: headEnd + HEAD_END.length + Number(length[1]) };
}

/**
 * Sends every request of `requests` (Buffers from requestBytes) over `connections` sockets to
 * host:port. `onAnswer(status, msSinceStart)` for each answer; status 0 for a request whose socket
 * failed or timed out. Resolves with the time from the first connection to the last answer, the
 * latencies in ms (sorted) and the count of each status; rejects on an answer it cannot read (and
 * closes every socket), so the caller's cleanup stops the server.
 */
export function sendAll({ host, port, requests, connections, onAnswer = () => {}, timeoutMs = 60_000 }) {
  const latencies = [];
  const statuses = new Map();
  const began = performance.now();
  let lastAt = began;
  let next = 0;
  let failure = null;
  const sockets = new Set();
  const fail = (error) => {
    failure ??= error;
    next = requests.length; // nothing more is sent
    for (const socket of sockets) socket.destroy();
  };

  const answered = (status, sentAt) => {
    const now = performance.now();
    latencies.push(now - sentAt);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    lastAt = now;
    onAnswer(status, now - began);
  };

  const connection = () =>
    new Promise((resolve) => {
      const open = () => {
        let connected = false;
        let inFlight = false;
        let sentAt = 0;
        let data = Buffer.alloc(0);
        let shape = null;
        const socket = net.connect(port, host);
        sockets.add(socket);
        socket.setNoDelay(true);
        socket.setTimeout(timeoutMs, () => socket.destroy());
        const sendNext = () => {
          if (next >= requests.length) {
            socket.end();
            return;
          }
          const request = requests[next++];
          inFlight = true;
          sentAt = performance.now();
          socket.write(request);
        };
        socket.on("connect", () => {
          connected = true;
          sendNext();
        });
        socket.on("data", (chunk) => {
          data = data.length === 0 ? chunk : Buffer.concat([data, chunk]);
          try {
            shape ??= answerShape(data);
          } catch (error) {
            fail(error);
            return;
          }
          if (!shape || data.length < shape.bytes) return;
          inFlight = false;
          answered(shape.status, sentAt);
          data = data.subarray(shape.bytes);
          shape = null;
          sendNext();
        });
        socket.on("error", () => {});
        socket.on("close", () => {
          sockets.delete(socket);
          if (failure) return resolve();
          if (inFlight) answered(0, sentAt);
          else if (!connected && next < requests.length) {
            // Never connected: this request counts as failed, so a dead server cannot loop forever.
            next++;
            answered(0, performance.now());
          }
          if (next < requests.length) open();
          else resolve();
        });
      };
      open();
    });

  return Promise.all(Array.from({ length: Math.min(connections, requests.length) }, connection)).then(() => {
    if (failure) throw failure;
    return { elapsedMs: lastAt - began, latencies: latencies.sort((a, b) => a - b), statuses };
  });
}
