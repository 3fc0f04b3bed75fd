// Sign-in outcomes and where to go afterwards. Pure, so it is tested in tests/auth.test.ts.
import { localizedPath, type Locale } from "@/lib/i18n/locales";

const BASE = "http://callback.invalid";
// Paths it makes no sense to return to after signing in.
const NO_RETURN = /^\/(?:(?:en|zh-CN)\/)?(?:signin|signup)(?:[/?#]|$)|^\/api\//;

/**
 * The `callbackUrl` if it is a path on this site ("/account", "/en/products?q=1"), else null.
 * Refuses absolute and protocol-relative URLs ("https://evil", "//evil", "/\evil"), control
 * characters, and the sign-in pages themselves, so it cannot send anyone to another site.
 */
export function safeCallbackPath(raw: string | null | undefined): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return null;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return NO_RETURN.test(path) ? null : path;
}

/** Where a user lands after signing in when no callbackUrl was given: managers and officers in their console. */
export function homeFor(role: string | undefined, locale: Locale): string {
  return localizedPath(locale, role === "MANAGER" ? "/coop" : role === "OFFICER" ? "/office" : "/");
}

/** The destination after sign-in: the safe callbackUrl, else the role's home, in the page's language. */
export function destinationAfterSignIn(rawCallback: string | null | undefined, role: string | undefined, locale: Locale): string {
  return safeCallbackPath(rawCallback) ?? homeFor(role, locale);
}

/** next-auth's error code (the message thrown in authorize, or its own) → a key under `errors.`. */
export function signInErrorKey(code: string | null | undefined): string {
  return signInError(code).key;
}

export interface SignInError {
  key: string;
  values?: Record<string, number>;
  /** A challenge to solve and send back with the next attempt (lib/auth/challenge.ts). */
  challenge?: string;
}

/** The sign-in route's answer codes: "invalid", "throttled:<s>", "wait:<s>", "challenge:<token>", "busy". */
export function signInError(code: string | null | undefined): SignInError {
  const [kind, ...rest] = (code ?? "").split(":");
  const value = rest.join(":");
  const seconds = Math.max(1, Math.min(3600, Number.parseInt(value, 10) || 1));
  if (kind === "throttled") return { key: "signInThrottled" };
  if (kind === "wait") return { key: "signInWait", values: { seconds } };
  if (kind === "challenge" && /^[\w-]+\.[\w-]+$/.test(value)) return { key: "signInChallengeFailed", challenge: value };
  if (kind === "busy") return { key: "serviceBusy" };
  if (kind === "disabled") return { key: "accountDisabled" };
  if (kind === "invalid" || kind === "CredentialsSignin") return { key: "signInFailed" };
  return { key: "unexpected" };
}
