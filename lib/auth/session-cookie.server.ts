import "server-only";
// Re-issuing the caller's own session cookie from a server action, after the user's sessions
// were ended (password change, "end all other sessions"): the same session, under the new version.
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { env } from "@/lib/env/env";
import { SESSION_MAX_AGE } from "./sessions";

const secureCookies = () => (env().NEXTAUTH_URL ?? "").startsWith("https://");

/** next-auth's cookie name: with the __Secure- prefix when the site is served over HTTPS. */
export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export async function reissueSessionCookie(sessionVersion: number): Promise<boolean> {
  const secret = env().AUTH_SECRET;
  if (!secret) return false;
  const jar = await cookies();
  const current = jar.get(sessionCookieName())?.value;
  if (!current) return false;
  const token = await decode({ token: current, secret }).catch(() => null);
  if (!token) return false;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE });
  jar.set(sessionCookieName(), value, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge: SESSION_MAX_AGE });
  return true;
}
