// The secrets the app needs, as environment variables:
//   HOUSEHOLD_ID_KEY  64 hex characters (32 bytes)
//   AUTH_SECRET       base64 of 32 random bytes
//   NEXT_SERVER_ACTIONS_ENCRYPTION_KEY  base64 of a 32-byte AES key: Next encrypts server actions'
//                     bound arguments with it, so every process (and the build) must share it
//                     for a form rendered by one process to post to another
// A value set in the environment wins. Otherwise it is generated once and kept in a JSON file
// under .data/ (mode 0600, never committed), so sessions and keyed ids survive restarts.
//   loadSecrets()                                   -> .data/local-secrets.json (./start)
//   loadSecrets({ file: ".data/test-secrets.json" }) -> the tests' own file (./test)
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET_RULES } from "../../lib/env/secret-rules.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// The rules are the app's own (lib/env/secret-rules.mjs), so a secret ./start accepts is one the server accepts.
const SPECS = SECRET_RULES;

function readStored(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${path.relative(ROOT, file)} is not valid JSON: fix it or delete it (new secrets will be generated).`);
  }
}

/**
 * @param {{ file?: string }} [options] file relative to the repository root
 * @returns {{ HOUSEHOLD_ID_KEY: string, AUTH_SECRET: string, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string }}
 */
export function loadSecrets({ file = ".data/local-secrets.json" } = {}) {
  const filePath = path.resolve(ROOT, file);
  const stored = readStored(filePath);
  const secrets = {};
  let changed = false;
  for (const [name, spec] of Object.entries(SPECS)) {
    const fromEnv = process.env[name];
    if (fromEnv) {
      if (!spec.valid(fromEnv)) throw new Error(`${name} in the environment must be ${spec.describe}.`);
      secrets[name] = fromEnv;
    } else if (typeof stored[name] === "string" && spec.valid(stored[name])) {
      secrets[name] = stored[name];
    } else {
      if (stored[name] !== undefined) {
        console.error(`[secrets] ${name} in ${path.relative(ROOT, filePath)} is malformed; generating a new one`);
      }
      stored[name] = secrets[name] = spec.generate();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(filePath), { recursive: true });
    // Write beside it and rename, so a reader never sees half a file.
    const temporary = `${filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, filePath);
  }
  return secrets;
}
