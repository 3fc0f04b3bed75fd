// The production web server: a plain node:http server that answers the livestream's hot routes
// itself (lib/campaigns/live-http.ts) and passes every other request to `next start`, which runs
// beside it on an internal port (NEXT_INTERNAL_PORT, default PORT + 10000, on localhost: Next's
// locale proxy rewrites to http://localhost:<port>/…, and answers 307 when it listens elsewhere). A
// reservation then costs a cookie decode, a zod parse and a share of one batched statement, not a
// trip through Next's router (about 420 trivial POSTs/s on 2 cores). Started by the livestream
// benchmark, ./start and ./test's e2e server; stop it with SIGTERM/SIGINT (it stops Next too). It
// listens only once Next accepts connections, so "it answers" means the whole site answers.
//   PORT (3000), HOSTNAME (all interfaces), DATABASE_URL, AUTH_SECRET, NEXTAUTH_URL
//   LIVE_POOL_SIZE (8): connections of the hot path's own pool; LIVE_PING=1: POST /api/live/ping (bench)
//   LIVE_PERMITS (guests): who must show an admission permit to reserve (guests, all, off)
//   PAGE_REUSE_MS (1000): how long a cached page Next has just confirmed is sent again to visitors
//     without a session without asking Next (0: always ask; lib/http/page-store.ts)
// Cached pages: their CSP gets the hashes of their inline scripts, and their bodies are kept here and
// revalidated with Next by ETag (docs/adr/0013-csp-hashes-for-cached-pages.md, lib/http/page-store.ts).
// The build's scripts and stylesheets go out in Brotli once compressed (Next sends gzip only): 14% fewer
// bytes for a first visit (lib/http/static-brotli.ts).
// (Next's documented custom server, next({...}).getRequestHandler(), re-ran the locale proxy on its own
// rewrites here and answered every page with a 307, so Next keeps its own `next start`.)
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { tsImport } from "tsx/esm/api";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
const internalPort = Number(process.env.NEXT_INTERNAL_PORT || port + 10000);

const nextServer = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(internalPort), "-H", "localhost"], {
  cwd: ROOT,
  // Next sees every request come from this process on loopback: it believes the one address this
  // server puts in X-Forwarded-For (see toNext), or every shopper would share one for rate limits.
  env: {
    ...process.env,
    PORT: String(internalPort),
    HOSTNAME: "localhost",
    TRUSTED_PROXIES: "127.0.0.1,::1",
  },
  stdio: "inherit",
});
nextServer.on("exit", (code) => {
  console.error(`[serve] next start exited (${code})`);
  process.exit(code ?? 1);
});

const { createLiveHandlers } = await tsImport(path.join(ROOT, "lib/campaigns/live-http.ts"), import.meta.url);
const publicUrl = process.env.NEXTAUTH_URL || `http://localhost:${port}`;
const origins = [...new Set([new URL(publicUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
const live = createLiveHandlers({
  databaseUrl: process.env.DATABASE_URL,
  secret: process.env.AUTH_SECRET,
  origins,
  poolSize: Number(process.env.LIVE_POOL_SIZE || 8),
  ping: process.env.LIVE_PING === "1", // the benchmark's yardstick route
  permits: process.env.LIVE_PERMITS || "guests", // who must show an admission permit to reserve
});

// The client's address is decided here, where the real socket is: the peer, or what the deployment's
// own proxies (TRUSTED_PROXIES) say they received. Next gets only that one address (and trusts this
// process on loopback for it), so a forged X-Forwarded-For is believed by neither.
const { clientAddressFrom, parseTrustedProxies } = await tsImport(path.join(ROOT, "lib/http/client-address.ts"), import.meta.url);
const edgeProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);

// Cached pages' CSP: proxy.ts sends them `script-src 'self' 'unsafe-inline'` (one HTML for everyone, no
// nonce possible); here it becomes `script-src 'self' 'sha256-…'…`, the hashes of the inline scripts
// Next wrote into that HTML (lib/http/inline-script-hashes.ts, docs/adr/0013-csp-hashes-for-cached-pages.md).
// A page's HTML is read once per ETag; later answers and 304s reuse its hashes and stream as before.
const { inlineScriptHashes, mayBePage, needsScriptHashes, ScriptHashCache, withScriptHashes } = await tsImport(
  path.join(ROOT, "lib/http/inline-script-hashes.ts"),
  import.meta.url,
);
const scriptHashes = new ScriptHashCache();
// The cached pages' bodies: Next is asked with their ETag and answers 304 while they are current
// (lib/http/page-store.ts).
const { PageStore, reusedPageHeaders, storedPageHeaders } = await tsImport(path.join(ROOT, "lib/http/page-store.ts"), import.meta.url);
const pages = new PageStore();
const pageReuseMs = Number(process.env.PAGE_REUSE_MS ?? 1000);
const { requestIdFor } = await tsImport(path.join(ROOT, "lib/ops/request-id.ts"), import.meta.url);
// The build's scripts and stylesheets in Brotli, compressed once each off the request path
// (lib/http/static-brotli.ts): `next start` sends gzip only.
const { acceptsBrotli, BrotliAssets, brotliAnswer, isBuildAsset } = await tsImport(
  path.join(ROOT, "lib/http/static-brotli.ts"),
  import.meta.url,
);
const brotli = new BrotliAssets();
let refusedReported = 0;

const { replacedHeaders } = await tsImport(path.join(ROOT, "lib/http/raw-headers.ts"), import.meta.url);
/** rawHeaders with the CSP value replaced. */
const withCsp = (rawHeaders, csp) => replacedHeaders(rawHeaders, { "content-security-policy": csp });

function decoded(body, encoding) {
  if (!encoding || encoding === "identity") return body;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(body);
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  throw new Error(`unknown content-encoding ${encoding}`);
}

/** Answers a cached page with its hashes in the CSP: from the cache by ETag, or by reading the HTML once. */
function answerWithHashes(req, res, answer, csp, expected, stored) {
  const status = answer.statusCode ?? 502;
  const etag = answer.headers.etag;
  if (stored?.page && status === 304) {
    // Next's answer to the store's own If-None-Match: its current page is the stored body.
    answerFromStore(req, res, answer, withScriptHashes(csp, stored.page.hashes), stored.page);
    return;
  }
  const known = scriptHashes.get(etag) ?? (status === 304 && expected?.etag === etag ? expected.hashes : undefined);
  const keep = stored && status === 200 && etag ? stored.key : undefined; // a page for the store
  if (!keep && (known || status === 304 || req.method === "HEAD" || status === 204)) {
    // Nothing to read (or already read): a body-less answer is never run, so no hash means no inline script.
    res.writeHead(status, withCsp(answer.rawHeaders, withScriptHashes(csp, known ?? [])));
    answer.pipe(res);
    return;
  }
  const chunks = [];
  answer.on("data", (chunk) => chunks.push(chunk));
  answer.on("error", () => res.destroy());
  answer.on("end", () => {
    const body = Buffer.concat(chunks);
    let hashes = known ?? [];
    if (!known) {
      try {
        const found = inlineScriptHashes(decoded(body, answer.headers["content-encoding"]).toString("utf8"));
        hashes = found.hashes;
        if (found.refused > 0 && refusedReported++ < 20)
          console.error(
            `[serve] ${req.url}: ${found.refused} inline script(s) not of Next's shapes, left out of the CSP (they will not run)`,
          );
        if (etag) scriptHashes.set(etag, hashes);
      } catch (error) {
        console.error(`[serve] ${req.url}: could not read the page for its CSP hashes (${error.message}); no inline script will run`);
      }
    }
    const sent = withCsp(answer.rawHeaders, withScriptHashes(csp, hashes));
    if (keep) {
      const { "content-type": contentType, "content-encoding": contentEncoding, vary } = answer.headers;
      const page = { etag, body, contentType, contentEncoding, vary, hashes };
      pages.set(keep, page);
      pages.confirm(page, req.headers, sent, Date.now());
    }
    res.writeHead(status, sent);
    res.end(body);
  });
}

/** The stored body, with the headers of Next's 304 for this request (lib/http/page-store.ts). */
function answerFromStore(req, res, answer, csp, page) {
  answer.resume();
  const sent = storedPageHeaders(answer.rawHeaders, page, csp);
  pages.confirm(page, req.headers, sent, Date.now());
  res.writeHead(200, sent);
  res.end(page.body);
}

const upstream = new http.Agent({ keepAlive: true, maxSockets: 256 });
function toNext(req, res) {
  const forwarded = req.headers["x-forwarded-for"];
  const client = clientAddressFrom(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, edgeProxies);
  const headers = {
    ...req.headers,
    "x-forwarded-for": client,
    "x-forwarded-host": req.headers.host ?? "",
    // The edge proxy's word on the scheme when there is one (HSTS goes out over HTTPS only).
    "x-forwarded-proto": req.headers["x-forwarded-proto"] ?? "http",
  };
  // A revalidation of a page whose hashes this process does not hold (it restarted, or forgot them)
  // is asked in full, so the 304 cannot carry a policy without them.
  const validator = req.headers["if-none-match"];
  let expected;
  let stored; // the page store's entry for this request, asked for with its ETag
  if (validator) {
    const hashes = scriptHashes.get(validator);
    if (hashes) expected = { etag: validator, hashes };
    else if (mayBePage(req.url ?? "/")) delete headers["if-none-match"];
  } else if (req.method === "GET" && mayBePage(req.url ?? "/")) {
    const key = PageStore.keyOf(req.url ?? "/", req.headers);
    const now = Date.now();
    const reusable = pages.reusable(key, req.headers, now, pageReuseMs);
    if (reusable) {
      req.resume();
      const requestId = requestIdFor(req.headers["x-request-id"]);
      res.writeHead(200, reusedPageHeaders(reusable.confirmed.headers, requestId, new Date(now).toUTCString()));
      res.end(reusable.body);
      return;
    }
    stored = { key, page: pages.get(key) };
    if (stored.page) headers["if-none-match"] = stored.page.etag;
  }
  const proxied = http.request(
    { host: "localhost", port: internalPort, method: req.method, path: req.url, agent: upstream, headers },
    (answer) => {
      // Reused again only once this answer confirms the stored body (a 304, or a 200 that replaces it).
      if (stored?.page) stored.page.confirmed = undefined;
      const csp = answer.headers["content-security-policy"];
      if (needsScriptHashes(csp) && /^text\/html\b/i.test(answer.headers["content-type"] ?? "text/html")) {
        answerWithHashes(req, res, answer, csp, expected, stored);
        return;
      }
      if (stored?.page && answer.statusCode === 304) {
        // A 304 to the store's If-None-Match is never passed on: this client asked for the page.
        answerFromStore(req, res, answer, csp, stored.page);
        return;
      }
      if (stored?.page) pages.delete(stored.key); // no longer a cached page
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  proxied.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad gateway");
  });
  req.pipe(proxied);
}

/**
 * Answers a request for a build asset with its kept Brotli body; true when it did. Otherwise (not kept
 * yet) it has Next's plain file fetched and compressed for the next requests, and the caller passes
 * this one to Next (gzip).
 */
function fromBrotli(req, res) {
  const url = req.url ?? "/";
  if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.range || !isBuildAsset(url)) return false;
  if (!acceptsBrotli(req.headers["accept-encoding"])) return false;
  const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  const key = `${proto} ${url}`;
  const asset = brotli.get(key);
  if (!asset) {
    void brotli.fill(key, () => plainFromNext(url, proto));
    return false;
  }
  const answer = brotliAnswer(asset, req.headers["if-none-match"]);
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === "HEAD" ? undefined : answer.body);
  return true;
}

/** Next's uncompressed answer for a build asset (as a request over proto would get it). */
function plainFromNext(url, proto) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: "localhost",
        port: internalPort,
        path: url,
        agent: upstream,
        headers: { "accept-encoding": "identity", "x-forwarded-proto": proto, "x-forwarded-for": "127.0.0.1" },
      },
      (answer) => {
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("error", reject);
        answer.on("end", () => resolve({ status: answer.statusCode, rawHeaders: answer.rawHeaders, body: Buffer.concat(chunks) }));
      },
    );
    request.on("error", reject);
  });
}

const server = http.createServer((req, res) => {
  if (live.handles(req)) live.handle(req, res);
  else if (!fromBrotli(req, res)) toNext(req, res);
});

// Keep idle connections longer than a load balancer's (nginx keepalive_timeout 60 s): a client reusing
// a connection the server has just closed gets a reset instead of an answer (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

/** Resolves once Next's internal port accepts a connection (it does when `next start` is ready). */
async function nextListening() {
  for (;;) {
    const up = await new Promise((resolve) => {
      const socket = net.connect(internalPort, "localhost");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
await nextListening();
server.listen(port, hostname, () =>
  console.log(`[serve] ready on http://${hostname ?? "localhost"}:${port} (Next on localhost:${internalPort})`),
);

const stop = () => {
  server.close();
  nextServer.kill("SIGTERM");
  live.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
