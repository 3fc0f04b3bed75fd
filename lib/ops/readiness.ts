// What /api/ready checks (a load balancer takes a process out of rotation while it answers 503):
// the database answers within a short time, and every migration folder this build ships has been
// applied (a process of a newer build waits until `prisma migrate deploy` has run). Takes the db
// as a parameter so tests can point it at any database.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";

export type Readiness = { ready: true } | { ready: false; reason: "database" | "migrations" };

const TIMEOUT_MS = 2000;

/** The migration folders shipped with the app (prisma/migrations/<timestamp>_<name>). */
export function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  // turbopackIgnore: a path read at run time, not a module to trace into the build.
  return readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
    .map((e) => e.name)
    .sort();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(db: Db, expected: string[] = shippedMigrations()): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await withTimeout(
      db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      TIMEOUT_MS,
    );
  } catch (error) {
    // No table at all: reachable, nothing applied yet.
    if (error instanceof Error && /_prisma_migrations/.test(error.message) && /does not exist/.test(error.message))
      return { ready: false, reason: "migrations" };
    return { ready: false, reason: "database" };
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return expected.every((m) => done.has(m)) ? { ready: true } : { ready: false, reason: "migrations" };
}
