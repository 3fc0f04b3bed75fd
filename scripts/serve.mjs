// The production web server: Next (`next start`'s handler) behind a plain node:http server that
// answers the livestream's hot routes itself (lib/campaigns/live-http.ts), before Next's router:
// a reservation then costs a cookie decode, a zod parse and a share of one batched statement, not
// a trip through Next (about 420 trivial POSTs/s here, PLATFORM.md). Documented Next mechanism:
// "custom server" (docs/01-app/02-guides/custom-server.mdx). Started by ./start and the benchmark.
//   PORT (3000), HOSTNAME (all interfaces), DATABASE_URL, AUTH_SECRET, NEXTAUTH_URL
//   LIVE_POOL_SIZE (8): connections of the hot path's own pool; LIVE_PING=1: POST /api/live/ping (bench)
import http from "node:http";
import path from "node:path";
import next from "next";
import { tsImport } from "tsx/esm/api";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;

const app = next({ dev: false, dir: ROOT, port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const { createLiveHandlers } = await tsImport(path.join(ROOT, "lib/campaigns/live-http.ts"), import.meta.url);
const publicUrl = process.env.NEXTAUTH_URL || `http://localhost:${port}`;
const origins = [...new Set([new URL(publicUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
const live = createLiveHandlers({
  databaseUrl: process.env.DATABASE_URL,
  secret: process.env.AUTH_SECRET,
  origins,
  poolSize: Number(process.env.LIVE_POOL_SIZE || 8),
  ping: process.env.LIVE_PING === "1", // the benchmark's yardstick route
});

const server = http.createServer((req, res) => {
  if (live.handles(req)) live.handle(req, res);
  else handle(req, res);
});
server.listen(port, hostname, () => console.log(`[serve] ready on http://${hostname ?? "localhost"}:${port}`));

const stop = () => {
  server.close();
  live.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
