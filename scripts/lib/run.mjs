// Runs a project command (npx-style bin from node_modules/.bin) and resolves with its exit code.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./database.mjs";

export function run(command, args, { env = {}, quiet = false } = {}) {
  const bin = path.join(ROOT, "node_modules/.bin", command);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: ROOT,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? code})\n${output}`));
    });
  });
}

/** Applies every migration under prisma/migrations (never `db push`). */
export async function migrate(url) {
  const preload = path.join(ROOT, "scripts/lib/unref-long-timers.cjs");
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim();
  await run("prisma", ["migrate", "deploy"], { env: { DATABASE_URL: url, NODE_OPTIONS: nodeOptions }, quiet: true });
}
