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
