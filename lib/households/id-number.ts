// Chinese 18-digit resident ID numbers (居民身份证号码, GB 11643-1999): validation, masking,
// encryption at rest and a keyed hash for look-up (docs/DESIGN.md#rule-6).
// Pure functions on node:crypto; no database, no "server-only" import, so scripts and tests can use it.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { rawEnv } from "@/lib/env/env";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_MAP = "10X98765432";
const FORMAT = /^\d{17}[\dX]$/;

/** Trims and upper-cases a trailing x, the one normal form that is hashed and encrypted. */
export function normalizeResidentId(id: string): string {
  return id.trim().toUpperCase();
}

/** The check character (0-9 or X) for the first 17 digits of an ID number. */
export function makeResidentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("makeResidentIdCheckDigit expects exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_MAP[sum % 11]!;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a well-formed 18-character ID: 17 digits, a real birth date, and the right check character. */
export function isValidResidentId(id: string): boolean {
  if (typeof id !== "string") return false;
  const n = normalizeResidentId(id);
  if (!FORMAT.test(n)) return false;
  if (!isRealDate(n.slice(6, 14))) return false;
  return makeResidentIdCheckDigit(n.slice(0, 17)) === n[17];
}

/** "620523199001011234" → "6205**********1234" (first 4, ten asterisks, last 4). */
export function maskResidentId(id: string): string {
  const n = normalizeResidentId(id);
  if (n.length !== 18) throw new RangeError("maskResidentId expects an 18-character ID number");
  return `${n.slice(0, 4)}${"*".repeat(10)}${n.slice(14)}`;
}

// ---------------------------------------------------------------------------------------------
// Keys

export interface HouseholdKeys {
  /** AES-256-GCM key for the ID number cipher. */
  encKey: Buffer;
  /** HMAC-SHA256 key for the look-up hash. */
  macKey: Buffer;
}

let cached: { source: string; keys: HouseholdKeys } | undefined;

/** Derives the two keys from a 32-byte master key (64 hex characters) with HKDF-SHA256. */
export function deriveHouseholdKeys(masterHex: string): HouseholdKeys {
  const hex = masterHex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(
      "HOUSEHOLD_ID_KEY must be 64 hexadecimal characters (32 bytes). Generate one with: " +
        "node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  const master = Buffer.from(hex, "hex");
  const salt = Buffer.from("xiaokang-market/household-id", "utf8");
  const encKey = Buffer.from(hkdfSync("sha256", master, salt, "resident-id/aes-256-gcm/v1", 32));
  const macKey = Buffer.from(hkdfSync("sha256", master, salt, "resident-id/hmac-sha256/v1", 32));
  return { encKey, macKey };
}

/** Reads HOUSEHOLD_ID_KEY from the environment; throws a clear error when it is missing or malformed. */
export function householdKeys(env: Readonly<Record<string, string | undefined>> = rawEnv()): HouseholdKeys {
  const source = env.HOUSEHOLD_ID_KEY;
  if (!source || source.trim() === "") {
    throw new Error(
      "HOUSEHOLD_ID_KEY is not set. Household ID numbers are encrypted with it: set it to 64 hexadecimal " +
        "characters (32 bytes), e.g. node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  if (cached && cached.source === source) return cached.keys;
  const keys = deriveHouseholdKeys(source);
  cached = { source, keys };
  return keys;
}

function checkKey(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new RangeError(`${what} must be a 32-byte key`);
}

// ---------------------------------------------------------------------------------------------
// Encryption and hashing

const VERSION = "v1";
const AAD = Buffer.from("xiaokang/resident-id/v1", "utf8");

/** AES-256-GCM with a random 12-byte IV. Returns "v1:<iv b64>:<tag b64>:<ciphertext b64>". */
export function encryptResidentId(id: string, encKey: Buffer): string {
  checkKey(encKey, "encryptResidentId");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encKey, iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(normalizeResidentId(id), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

/** Reverses encryptResidentId; throws if the text is malformed, tampered with, or made with another key. */
export function decryptResidentId(cipherText: string, encKey: Buffer): string {
  checkKey(encKey, "decryptResidentId");
  const parts = typeof cipherText === "string" ? cipherText.split(":") : [];
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("Not a v1 resident ID cipher text");
  const iv = Buffer.from(parts[1]!, "base64");
  const tag = Buffer.from(parts[2]!, "base64");
  const data = Buffer.from(parts[3]!, "base64");
  if (iv.length !== 12 || tag.length !== 16) throw new Error("Not a v1 resident ID cipher text");
  const decipher = createDecipheriv("aes-256-gcm", encKey, iv, { authTagLength: 16 });
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Resident ID cipher text failed authentication (tampered, or another key)");
  }
}

/** HMAC-SHA256 (hex) of the normalised ID number: equal IDs give equal hashes under one key. */
export function hashResidentId(id: string, macKey: Buffer): string {
  checkKey(macKey, "hashResidentId");
  return createHmac("sha256", macKey).update(normalizeResidentId(id), "utf8").digest("hex");
}
