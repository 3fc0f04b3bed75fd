import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/client";

// One client per server process (and one across hot reloads in development), created on first
// use so that importing this module (as `next build` does) needs no DATABASE_URL.
const globalForDb = globalThis as unknown as { xiaokangDb?: Db };

function client(): Db {
  return (globalForDb.xiaokangDb ??= createPrismaClient(undefined, 20));
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

/**
 * A query function of an area (which takes the database first, so seeds, tests and benchmarks can
 * call it with their own client) bound to this process's client: what the area's `.server.ts`
 * façade hands to pages.
 */
export function withDb<A extends unknown[], R>(query: (client: Db, ...args: A) => R): (...args: A) => R {
  return (...args: A) => query(db, ...args);
}
