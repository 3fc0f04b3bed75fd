// Storage keys and content types, checked the same way by every store (./index.ts, ./s3.ts).
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/u;
export const CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/u;

/** Is this a key the code could have made: "a/b/c.ext", no empty, dot-leading or ".." segment? */
export function isValidKey(key: unknown): key is string {
  if (typeof key !== "string" || key.length === 0 || key.length > 512) return false;
  const segments = key.split("/");
  return segments.length >= 2 && segments.every((s) => SEGMENT.test(s) && !s.includes(".."));
}

export class InvalidKeyError extends Error {
  constructor(key: unknown) {
    super(`invalid storage key: ${JSON.stringify(String(key).slice(0, 80))}`);
  }
}
