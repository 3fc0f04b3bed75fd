// Makes sure the generated Prisma client exists and matches prisma/schema.prisma.
// `./start` and `./test` do the same check in bash (after `npm ci`); this copy lets
// `npm start` / `npm test` work right after a plain `npm ci` (no postinstall hook).
// Only node: builtins here: it must work before anything else is known to be installed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// `prisma generate` does not connect: any well-formed URL satisfies env("DATABASE_URL").
export const PLACEHOLDER_DATABASE_URL = "postgresql://x:y@localhost:5432/z";

function mtime(file) {
  try {
    return statSync(path.join(ROOT, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** True when lib/generated/prisma is missing or older than the schema (or than the installed packages). */
export function prismaClientIsStale() {
  const generated = mtime("lib/generated/prisma/client.ts");
  if (generated === undefined) return true;
  const inputs = [mtime("prisma/schema.prisma"), mtime("node_modules/.package-lock.json")];
  return inputs.some((t) => t !== undefined && t > generated);
}

export function ensurePrismaClient() {
  if (!existsSync(path.join(ROOT, "node_modules/.bin/prisma"))) {
    throw new Error("node_modules is missing or incomplete: run `npm ci` (or use ./start / ./test, which do).");
  }
  if (!prismaClientIsStale()) return;
  console.error("[setup] generating the Prisma client (prisma generate)");
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["generate"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || PLACEHOLDER_DATABASE_URL },
  });
  if (result.status !== 0) throw new Error("prisma generate failed");
}
