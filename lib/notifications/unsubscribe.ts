// The "stop these mails" link in every mail: the address and the category, signed with the app's
// secret (HMAC), so nothing is stored and nobody can stop someone else's mail by guessing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env/env";
import { CATEGORIES, type Category } from "./kinds";

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set (./start and ./test set it)");
  return value;
}

const sign = (payload: string) => createHmac("sha256", secret()).update(`unsubscribe:${payload}`).digest("base64url").slice(0, 32);

/** "<base64url(address \n category)>.<signature>" */
export function unsubscribeToken(address: string, category: Category): string {
  const payload = Buffer.from(`${address}\n${category}`, "utf8").toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readUnsubscribeToken(token: string): { address: string; category: Category } | null {
  if (typeof token !== "string" || token.length > 800) return null;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [address, category] = Buffer.from(payload, "base64url").toString("utf8").split("\n");
  if (!address || !(CATEGORIES as readonly string[]).includes(category ?? "")) return null;
  return { address, category: category as Category };
}
