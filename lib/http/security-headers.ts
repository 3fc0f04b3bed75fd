// The security headers of every response, in one place (pure: proxy.ts and next.config.ts use it,
// lib/http/security-headers.test.ts checks it).
//
// Pages. Next needs inline scripts (the RSC payload, `self.__next_f.push(...)`). A page rendered
// for each request (the consoles, account, cart, checkout, orders) gets a per-request nonce and
// 'strict-dynamic': Next puts the nonce on every script it writes, and nothing else runs. A cached
// page (home, catalogue, product, seller, county, campaign, about, sign-in) is one HTML for
// everyone, so it cannot carry a per-request nonce: proxy.ts sends it CACHED_PAGE_SCRIPT_SRC, and
// the production server (scripts/serve.mjs) replaces that with 'self' and the hashes of the inline
// scripts Next wrote into that HTML (lib/http/inline-script-hashes.ts; docs/adr/0013). Either way:
// no eval, no plugins, no foreign origins, no framing, no <base> and no form posts elsewhere.
// `unsafe-eval` is never sent outside `next dev`. Styles keep 'unsafe-inline' (style attributes
// written by React, the print pages' <style>): CSS cannot run script, and with images, fonts and
// connections limited to 'self' injected CSS has nowhere to send what it reads.
//
// Everything else (API routes, exports, stored files, static assets) gets `default-src 'none'`:
// nothing in a JSON answer or a file may run, load or be framed.

/** Paths (without the /en prefix) whose pages are rendered per request: they get a nonce. */
const DYNAMIC_PREFIXES = ["/account", "/admin", "/cart", "/checkout", "/coop", "/invite", "/office", "/orders"];
/** Paths whose URLs carry a secret (an order link's token, an invitation's token): no Referer leaves them. */
const TOKEN_PREFIXES = ["/checkout", "/invite", "/orders"];

const startsWithAny = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/** The path without the language prefix: "/en/account" → "/account". */
export function unlocalized(pathname: string): string {
  const m = /^\/(?:en|zh-CN)(\/.*)?$/.exec(pathname);
  return m ? m[1] || "/" : pathname;
}

export function isDynamicPage(pathname: string): boolean {
  return startsWithAny(unlocalized(pathname), DYNAMIC_PREFIXES);
}

export interface PageHeaderOptions {
  /** A fresh random nonce for a page rendered per request; null for a cached page. */
  nonce: string | null;
  https: boolean;
  dev?: boolean;
}

/**
 * The script policy of a cached page as proxy.ts sends it. The production server (scripts/serve.mjs)
 * replaces it with the page's own inline-script hashes (lib/http/inline-script-hashes.ts), so what a
 * browser receives has no 'unsafe-inline'; only `next dev` and a bare `next start` leave it as is.
 */
export const CACHED_PAGE_SCRIPT_SRC = "script-src 'self' 'unsafe-inline'";

export function pageCsp({ nonce, https, dev = false }: PageHeaderOptions): string {
  const script = nonce
    ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`
    : `${CACHED_PAGE_SCRIPT_SRC}${dev ? " 'unsafe-eval'" : ""}`;
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For API answers, exports, stored files and assets: nothing may run, load or frame it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export const HSTS = "max-age=31536000; includeSubDomains";

export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), browsing-topics=(), interest-cohort=()";

/** Headers every response carries, whatever it is. */
export function commonHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": HSTS } : {}),
  };
}

/** Whether the page's URL may hold a secret (an order link's or an invitation's token). */
export function isTokenPage(pathname: string): boolean {
  return startsWithAny(unlocalized(pathname), TOKEN_PREFIXES);
}

/** A page's headers: the common ones, its CSP, and no Referer at all from pages whose URL holds a token. */
export function pageHeaders(pathname: string, options: PageHeaderOptions): Record<string, string> {
  const headers = commonHeaders(options.https);
  headers["content-security-policy"] = pageCsp(options);
  if (isTokenPage(pathname)) headers["referrer-policy"] = "same-origin";
  return headers;
}

/** A nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** Whether the site is served over HTTPS: the configured site URL says so, or the request arrived so. */
export function servedOverHttps(siteUrl: string | undefined, requestProtocol: string | null | undefined): boolean {
  return (siteUrl ?? "").startsWith("https:") || requestProtocol === "https" || requestProtocol === "https:";
}
