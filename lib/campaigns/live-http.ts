// The livestream's two hot routes as plain node:http handlers, for the production server
// (scripts/serve.mjs) to answer before Next's router:
//   POST /api/live/reserve               ./reserve-http.ts
//   POST /api/live/permit                a guest's admission permit (./permit-desk.ts, ./reserve-http.ts)
//   GET  /api/live/stock?campaign=<id>   { figures: [{ campaignProductId, stock }] }, from memory (≤ 1 s old)
// app/api/live/*/route.ts answer the same paths through Next, with the same modules.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pool } from "pg";
import { appLog } from "@/lib/ops/log";
import { paymentConfig } from "@/lib/payments/config";
import { StockFigures } from "./figures";
import { createHotPool } from "./pool";
import { Reserver, type ReserverOptions } from "./reserve";
import { PermitDesk } from "./permit-desk";
import { handlePermit, handleReserve, type HttpAnswer, type PermitMode } from "./reserve-http";

export interface LiveHandlers {
  handles(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  reserver: Reserver;
  permits: PermitDesk;
  pool: Pool;
  close(): Promise<void>;
}

/** Reads a request body up to `max` bytes; null (and the connection closed) beyond. */
export function readLimited(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", () => {
      if (!done) resolve(null);
    });
  });
}

function send(res: ServerResponse, answer: HttpAnswer, close = false) {
  const body = JSON.stringify(answer.body);
  // With its length the answer goes out as one write (head and body); without it, writeHead made Node
  // send it chunked: four pieces in a writev.
  res.writeHead(answer.status, {
    "content-length": Buffer.byteLength(body),
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...(close ? { connection: "close" } : {}),
    ...answer.headers,
  });
  res.end(body);
}

export function createLiveHandlers(options: {
  databaseUrl: string;
  secret: string;
  origins: string[];
  poolSize?: number;
  reserver?: ReserverOptions;
  /** Also answer POST /api/live/ping with {ok:true}, the benchmark's HTTP yardstick, and GET with the batches' stats (LIVE_PING=1). */
  ping?: boolean;
  /** Who must show an admission permit to reserve (LIVE_PERMITS; default guests). */
  permits?: PermitMode;
}): LiveHandlers {
  const pool = createHotPool(options.databaseUrl, options.poolSize ?? 8);
  const reserver = new Reserver(pool, options.reserver);
  const figures = new StockFigures(pool);
  const desk = new PermitDesk(pool, options.secret);
  const mode = options.permits ?? "guests";
  const config = paymentConfig();
  const provider = config.provider === "none" ? null : config.provider;
  return {
    reserver,
    permits: desk,
    pool,
    handles(req) {
      const path = (req.url ?? "").split("?")[0];
      return (
        path === "/api/live/reserve" ||
        path === "/api/live/stock" ||
        path === "/api/live/permit" ||
        (options.ping === true && path === "/api/live/ping")
      );
    },
    handle(req, res) {
      const url = new URL(req.url ?? "/", "http://local");
      const run = async (): Promise<HttpAnswer> => {
        if (url.pathname === "/api/live/ping") {
          await readLimited(req, 4096);
          // GET: the reservation batches so far (the benchmark prints them); POST: the yardstick.
          return { status: 200, body: req.method === "GET" ? { ok: true, stats: reserver.stats } : { ok: true } };
        }
        if (url.pathname === "/api/live/stock") {
          const id = url.searchParams.get("campaign") ?? "";
          if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return { status: 400, body: { ok: false, error: "invalidInput" } };
          return { status: 200, body: { ok: true, figures: await figures.get(id) } };
        }
        const incoming = {
          method: req.method ?? "GET",
          header: (name: string) => {
            const v = req.headers[name.toLowerCase()];
            return Array.isArray(v) ? v.join(", ") : (v ?? null);
          },
          readBody: (max: number) => readLimited(req, max),
        };
        if (url.pathname === "/api/live/permit") return handlePermit(incoming, { desk, origins: options.origins });
        if (!provider) return { status: 503, body: { ok: false, error: "paymentUnavailable" } };
        return handleReserve(incoming, {
          reserver,
          secret: options.secret,
          paymentProvider: provider,
          origins: options.origins,
          permits: { desk, mode },
        });
      };
      run().then(
        (answer) => send(res, answer, answer.status === 413),
        (error) => {
          appLog().error({ area: "live", path: req.url?.split("?")[0], err: error }, "live request failed");
          send(res, { status: 500, body: { ok: false, error: "unexpected" } });
        },
      );
    },
    close: () => pool.end(),
  };
}
