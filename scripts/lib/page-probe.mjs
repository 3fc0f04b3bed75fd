// A separate client for the livestream benchmark: GETs each URL in turn, one at a time, until it
// receives SIGTERM, then prints {latencies: {url: [ms]}, statuses: {url: {"200 HIT": n}}} as JSON on
// stdout (the status and Next's x-nextjs-cache: HIT, STALE, MISS, or none for a dynamic page). Run as
// its own process so its timings do not queue behind the burst's client.
//   node scripts/lib/page-probe.mjs URL...
import http from "node:http";

const urls = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
const out = Object.fromEntries(urls.map((u) => [u, []]));
const statuses = Object.fromEntries(urls.map((u) => [u, {}]));
let stopping = false;

function get(url) {
  return new Promise((resolve) => {
    const began = performance.now();
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      const cache = res.headers["x-nextjs-cache"];
      res.on("end", () => resolve({ ms: performance.now() - began, status: cache ? `${res.statusCode} ${cache}` : res.statusCode }));
    });
    req.on("error", () => resolve({ ms: performance.now() - began, status: 0 }));
  });
}

process.on("SIGTERM", () => (stopping = true));
process.stdout.write("ready\n");
while (!stopping) {
  for (const url of urls) {
    const { ms, status } = await get(url);
    out[url].push(ms);
    statuses[url][status] = (statuses[url][status] ?? 0) + 1;
  }
  await new Promise((r) => setTimeout(r, 20));
}
process.stdout.write(JSON.stringify({ latencies: out, statuses }) + "\n");
process.exit(0);
