// Next's cache handler (next.config.ts `cacheHandler`) for ISR pages and unstable_cache data.
// Loaded by `next start` itself (plain CommonJS, not bundled). See docs/adr/0010-shared-cache-invalidation.md.
//
// Pages and data stay in each process's memory, exactly as Next's default handler keeps them
// (this class IS Next's default handler, FileSystemCache, with isrFlushToDisk off), so a
// restarted process starts empty and renders from the database it finds.
//
// With CACHE_SYNC=postgres (several processes on one database), a revalidateTag() in one process
// reaches every process: it is published with pg_notify on the channel "xiaokang_cache", and each
// process LISTENs on that channel and applies the same revalidateTag to its own memory. While a
// process is not listening (starting, or its connection was lost), it serves nothing from its
// cache (every request renders from the database), and entries made before it (re)connected are
// treated as missing: a notification it might have missed can never leave a stale page behind.
//   CACHE_SYNC=postgres   turns this on (unset: one process, Next's default behaviour)
//   CACHE_SYNC_URL        the connection to LISTEN on, when DATABASE_URL goes through a pooler in
//                         transaction mode (LISTEN needs a session: a direct or session-mode URL)
"use strict";
/* eslint-disable no-restricted-properties, @typescript-eslint/no-require-imports -- CommonJS, loaded by `next start` outside the app bundle, before lib/env can be imported: it reads its three settings itself (listed in lib/env/env.ts and .env.example). */
const { randomUUID } = require("node:crypto");
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;

const CHANNEL = "xiaokang_cache";
const RECONNECT_MS = 1000;

const sync = {
  enabled: process.env.CACHE_SYNC === "postgres" && Boolean(process.env.DATABASE_URL),
  origin: randomUUID(),
  started: false,
  listening: false,
  /** Entries older than this (ms) were made while a notification could have been missed. */
  epoch: Number.POSITIVE_INFINITY,
  listener: undefined,
  publisher: undefined,
  pending: [],
  stats: { published: 0, received: 0, reconnects: 0 },
};

function say(level, msg, extra) {
  // One JSON line, the shape of lib/ops/log.ts (this file is loaded outside the app's bundle).
  const line = { level, time: new Date().toISOString(), pid: process.pid, component: "cache-sync", msg, ...extra };
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(JSON.stringify(line) + "\n");
}

function applyLocally(tags, durations) {
  return FileSystemCache.prototype.revalidateTag.call(undefined, tags, durations);
}

async function publish(tags, durations) {
  const payload = JSON.stringify({ o: sync.origin, t: tags, d: durations ?? null });
  try {
    await sync.publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
    sync.stats.published++;
  } catch (error) {
    // Kept and sent again when the database answers; meanwhile the other processes either
    // listen (and will get it) or do not (and serve nothing from their caches).
    sync.pending.push({ tags, durations });
    say("warn", "could not publish a cache invalidation; will retry", { error: String(error && error.message) });
    setTimeout(flushPending, RECONNECT_MS).unref();
  }
}

function flushPending() {
  const pending = sync.pending.splice(0);
  for (const p of pending) void publish(p.tags, p.durations);
}

function connect() {
  const pg = require("pg");
  const client = new pg.Client({ connectionString: process.env.CACHE_SYNC_URL || process.env.DATABASE_URL, keepAlive: true });
  sync.listener = client;
  let failed = false;
  const lost = (why) => {
    if (failed) return;
    failed = true;
    sync.listening = false;
    sync.stats.reconnects++;
    say("warn", "cache invalidation listener lost; serving without the cache until it is back", { why: String(why) });
    client.end().catch(() => {});
    setTimeout(connect, RECONNECT_MS).unref();
  };
  client.on("error", (error) => lost(error && error.message));
  client.on("end", () => lost("connection ended"));
  client.on("notification", (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    let event;
    try {
      event = JSON.parse(message.payload);
    } catch {
      return;
    }
    if (!event || event.o === sync.origin || !Array.isArray(event.t)) return;
    sync.stats.received++;
    void applyLocally(event.t.map(String), event.d ?? undefined);
  });
  client
    .connect()
    .then(() => client.query(`LISTEN ${CHANNEL}`))
    .then(() => {
      if (failed) return;
      // From now on nothing is missed; anything cached before may have missed something.
      sync.epoch = Date.now();
      sync.listening = true;
      flushPending();
    })
    .catch((error) => lost(error && error.message));
}

function start() {
  if (sync.started || !sync.enabled) return;
  sync.started = true;
  const pg = require("pg");
  sync.publisher = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, idleTimeoutMillis: 30_000 });
  sync.publisher.on("error", () => {}); // an idle client's error; the next query reconnects
  connect();
}

class XiaokangCacheHandler extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    start();
  }

  async get(key, ctx) {
    if (sync.enabled && !sync.listening) return null;
    const data = await super.get(key, ctx);
    if (data && sync.enabled && typeof data.lastModified === "number" && data.lastModified < sync.epoch) return null;
    return data;
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    const list = (typeof tags === "string" ? [tags] : tags).map(String);
    if (sync.enabled && list.length) await publish(list, durations);
  }
}

XiaokangCacheHandler.syncState = sync;
module.exports = XiaokangCacheHandler;
