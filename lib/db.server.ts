import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/client";

// One client per server process (and one across hot reloads in development).
const globalForDb = globalThis as unknown as { xiaokangDb?: Db };
export const db: Db = globalForDb.xiaokangDb ?? createPrismaClient(undefined, 20);
if (process.env.NODE_ENV !== "production") globalForDb.xiaokangDb = db;
