// Creates a Prisma client on the driver adapter (Prisma 6.19, JS engine: no native binary).
// Server code imports the shared instance from `@/lib/db.server`; scripts (seed, benchmarks)
// and tests create their own with this function.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env/env";

export function createPrismaClient(connectionString = env().DATABASE_URL, max = 10) {
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start` (it starts PostgreSQL) or set DATABASE_URL.");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export type Db = ReturnType<typeof createPrismaClient>;
export { Prisma } from "@/lib/generated/prisma/client";
