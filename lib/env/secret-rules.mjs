// The shape of each secret, shared by the app's checked environment (lib/env/env.ts) and the
// start and test scripts that generate missing secrets (scripts/lib/secrets.mjs), so both accept
// and refuse the same values. Plain JavaScript: the scripts import it without a TypeScript step.
import { randomBytes } from "node:crypto";

export const SECRET_RULES = {
  HOUSEHOLD_ID_KEY: {
    generate: () => randomBytes(32).toString("hex"),
    /** @param {string} v */
    valid: (v) => /^[0-9a-f]{64}$/i.test(v),
    describe: "64 hex characters (32 bytes)",
  },
  AUTH_SECRET: {
    generate: () => randomBytes(32).toString("base64"),
    /** @param {string} v */
    valid: (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length >= 32,
    describe: "base64 of at least 32 bytes",
  },
  // Next encrypts server actions' bound arguments with it: every process of a deployment (and the
  // build) must share it, so a form rendered by one process can be posted to another.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: {
    generate: () => randomBytes(32).toString("base64"),
    /** @param {string} v */
    valid: (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, "base64").length),
    describe: "base64 of a 16, 24 or 32-byte AES key",
  },
};
