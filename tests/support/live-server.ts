// A bare server of the livestream's hot routes (lib/campaigns/live-http.ts) for tests that start,
// kill and restart a real server process: `node --import tsx tests/support/live-server.ts` (one process, so a kill is a crash) with PORT and
// DATABASE_URL; prints "ready" when it listens.
import http from "node:http";
import { createLiveHandlers } from "@/lib/campaigns/live-http";

const port = Number(process.env.PORT);
const live = createLiveHandlers({
  databaseUrl: process.env.DATABASE_URL!,
  secret: process.env.AUTH_SECRET!,
  origins: [`http://127.0.0.1:${port}`],
  permits: "off", // the crash test is about what a kill leaves behind; permits: tests/live-routes.test.ts
});
http
  .createServer((req, res) => {
    if (live.handles(req)) live.handle(req, res);
    else res.writeHead(404).end();
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
