// The app's structured log (pino, one JSON object per line on stdout): level, time, msg, the
// request id when there is one, and the fields given. What must never be in a log line:
// secrets (passwords, tokens, cookies, keys, connection strings' passwords), resident ID numbers,
// and people's names, phone numbers and addresses (households' and shoppers'). Two guards:
// - fields with such names are replaced by "[redacted]" wherever they sit (REDACT below);
// - every string written (messages, error messages and stacks included) has 18-character ID
//   numbers, mainland mobile numbers and the password of a URL masked (scrub()).
// Names cannot be recognised in free text, so never put one in a message: log ids instead.
import pino, { type Logger } from "pino";
import { env } from "@/lib/env/env";

const SENSITIVE_KEYS = [
  "password",
  "passwordHash",
  "secret",
  "token",
  "cookie",
  "authorization",
  "idNumber",
  "idNumberEnc",
  "name",
  "nameZh",
  "nameEn",
  "holderName",
  "householdName",
  "recipient",
  "mobile",
  "phone",
  "address",
  "email",
];
const REDACT = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  "req.headers.cookie",
  "req.headers.authorization",
  'headers["set-cookie"]',
];

const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s]+:)[^@/\s]+@/gi;

/** Masks ID numbers, mobile numbers and URL passwords in a string. */
export function scrub(text: string): string {
  return text.replace(ID_NUMBER, "[id-number]").replace(MOBILE, "[mobile]").replace(URL_PASSWORD, "$1[redacted]@");
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return scrubDeep(serializeError(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

/** Errors as { type, message, code, stack } (no "name" key, which the redaction would blank). */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name,
    message: error.message,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    stack: error.stack,
    ...(error.cause instanceof Error ? { cause: serializeError(error.cause) } : {}),
  };
}

/** The process's one logger (also outside Next: scripts, the live server); see log.server.ts for request ids. */
export function appLog(): Logger {
  const state = globalThis as unknown as { xiaokangLog?: Logger };
  return (state.xiaokangLog ??= createLogger());
}

/** A logger writing to `destination` (stdout by default); tests pass a stream. */
export function createLogger(destination?: pino.DestinationStream, level: string = env().LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        // The message (and printf-style arguments) go through the same scrub.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
