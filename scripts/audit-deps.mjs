// npm run audit:deps — the dependency audit ./test runs first (it needs no network):
//   1. every dependency in package.json is pinned to an exact version (no ^, ~, ranges, tags, git or URLs);
//   2. package-lock.json is version 3, in step with package.json, and every package in it has a
//      sha512 integrity (npm checks the tarballs against it on install);
//   3. no locked version is in security/advisories.json (known-vulnerable versions, kept by hand:
//      this registry refuses npm audit's endpoint, and no npm package ships an advisory database);
//   4. `npm audit --omit=dev` where its endpoint answers (elsewhere): high or critical fails.
// Exit code 1 with the reasons when something fails.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

function parse(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
/** Does `version` fall in `range` ("<1.2.3", ">=2.0.0 <2.4.1", "1.2.3")? */
export function inRange(version, range) {
  const v = parse(version);
  if (!v) return false;
  return range
    .trim()
    .split(/\s+/)
    .every((part) => {
      const m = /^(<=|>=|<|>|=)?(\d+\.\d+\.\d+)$/.exec(part);
      if (!m) throw new Error(`unreadable range part "${part}" in security/advisories.json`);
      const c = compare(v, parse(m[2]));
      return { "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0, "=": c === 0, undefined: c === 0 }[m[1]];
    });
}

/** The problems of a package.json + package-lock.json + advisories list (pure: tests pass their own). */
export function auditProblems(pkg, lock, advisories) {
  const problems = [];
  const declared = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.overrides };
  for (const [name, spec] of Object.entries(declared)) {
    if (!EXACT.test(String(spec))) problems.push(`${name}: "${spec}" is not an exact version (npm install --save-exact ${name}@<version>)`);
  }
  if (lock.lockfileVersion !== 3) problems.push(`package-lock.json: lockfileVersion ${lock.lockfileVersion}, expected 3`);
  const root = lock.packages?.[""] ?? {};
  for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const inLock = { ...root.dependencies, ...root.devDependencies }[name];
    if (inLock !== spec)
      problems.push(`package-lock.json lists ${name} as ${inLock ?? "nothing"}, package.json as ${spec}: run npm install`);
  }
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!where || entry.link || entry.inBundle) continue; // bundled: inside its parent's checked tarball
    if (!/^sha512-/.test(entry.integrity ?? "")) problems.push(`${where}: no sha512 integrity in package-lock.json`);
    if (entry.resolved && !entry.resolved.startsWith("https://registry.npmjs.org/"))
      problems.push(`${where}: resolved outside the registry (${entry.resolved})`);
    const name = where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length);
    for (const a of advisories) {
      if (a.package === name && inRange(entry.version, a.vulnerable))
        problems.push(`${where}@${entry.version}: ${a.id} (${a.severity}) ${a.note ?? ""}`.trim());
    }
  }
  return problems;
}

function npmAudit() {
  const answer = spawnSync("npm", ["audit", "--omit=dev", "--json", "--audit-level=high"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  let report;
  try {
    report = JSON.parse(answer.stdout);
  } catch {
    return { ran: false };
  }
  if (report.error || !report.metadata) return { ran: false, why: report.error?.summary ?? "no answer" };
  const v = report.metadata.vulnerabilities ?? {};
  return { ran: true, high: (v.high ?? 0) + (v.critical ?? 0), summary: JSON.stringify(v) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const read = (f) => JSON.parse(readFileSync(path.join(ROOT, f), "utf8"));
  const problems = auditProblems(read("package.json"), read("package-lock.json"), read("security/advisories.json").advisories);
  const online = process.argv.includes("--offline") ? { ran: false, why: "--offline" } : npmAudit();
  if (online.ran && online.high > 0) problems.push(`npm audit: ${online.summary}`);
  const lockCount = Object.keys(read("package-lock.json").packages).length - 1;
  console.error(
    `[audit] ${lockCount} locked packages: pins, integrity and security/advisories.json checked offline; npm audit ${online.ran ? `ran: ${online.summary}` : `not available here (${online.why ?? "the registry refuses its endpoint"})`}`,
  );
  for (const p of problems) console.error(`[audit] ${p}`);
  process.exit(problems.length ? 1 : 0);
}
