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
  if (code === "throttled") return "signInThrottled";
  if (code === "disabled") return "accountDisabled";
  if (code === "invalid" || code === "CredentialsSignin") return "signInFailed";
  return "unexpected";
}
