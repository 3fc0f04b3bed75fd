// Trace codes (溯源码) and share tokens: 12 random bytes from the operating system's generator, in
// base64url: 16 characters, 96 bits. Nothing in a code comes from the shipment, the order or the
// time, so one code says nothing about another and they cannot be counted through; 16 characters
// keep the QR code small (version 2 with the site's address). The database keeps them unique.
import { randomBytes } from "node:crypto";

export const CODE_BYTES = 12;
/** What a code looks like: anything else is answered "not found" without asking the database. */
export const TRACE_CODE = /^[A-Za-z0-9_-]{16}$/;

export function newCode(): string {
  return randomBytes(CODE_BYTES).toString("base64url");
}

export function isCode(value: unknown): value is string {
  return typeof value === "string" && TRACE_CODE.test(value);
}

/** The public path of a trace code (the locale prefix is added by the caller). */
export const tracePath = (code: string) => `/t/${code}`;
/** The public path of a share card. */
export const sharePath = (token: string) => `/s/${token}`;
