// Prisma CLI configuration (migrate, generate). Runs fully offline with the JS engine.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Workaround for prisma/orm#27403: the wasm engine cannot decode Postgres `name` (oid 19)
// and `name[]` (1003) columns that `migrate` reads from the catalogs. Report them as
// text (25) and text[] (1009); the values are plain strings either way.
function patchFields(result: unknown) {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID === 19) field.dataTypeID = 25;
    if (field.dataTypeID === 1003) field.dataTypeID = 1009;
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    if (callback) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args, (err: unknown, res: unknown) => callback(err, patchFields(res)));
    }
    const maybe = (super.query as any)(...args); // eslint-disable-line @typescript-eslint/no-explicit-any
    return maybe && typeof maybe.then === "function" ? maybe.then(patchFields) : maybe;
  }
}

// The adapter runs a migration script by splitting it on every ";", which breaks function
// bodies. PostgreSQL takes a whole multi-statement script in one simple-protocol query.
class WholeScriptPrismaPg extends PrismaPg {
  async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver() as pg.Pool;
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  }
}

function connectionFields(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ""),
  };
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run through `npm start` / `npm test`, which start PostgreSQL.");
    // A short idle timeout lets the CLI exit as soon as its work is done.
    return new WholeScriptPrismaPg({ ...connectionFields(url), idleTimeoutMillis: 200, Client: CatalogSafeClient } as never);
  },
});
