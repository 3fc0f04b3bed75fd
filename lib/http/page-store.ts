// The production server's copy of the cached pages' bodies (scripts/serve.mjs; docs/adr/0013).
//
// A cached page (ISR or static) is one HTML for everyone, and Next keeps it in memory; still, every
// view made Next write its whole body (50 KB for a filtered catalogue page, gzipped per request for a
// browser) and serve.mjs read and re-send it. With this store, serve.mjs keeps the last body it
// received for a URL and asks Next with `If-None-Match: <its ETag>`. Next still answers every request
// in full (the locale proxy, the security headers, the request id, the cache lookup, revalidation);
// when its current page has that ETag it answers 304 with every header but the body, and serve.mjs
// sends the stored body with them. When the page has changed (a product edited, a tag revalidated),
// Next answers 200 with the new body, which replaces the stored one. So what a shopper receives is
// what Next would have sent, and Next alone decides whether it is current.
//
// Next's ETag is the hash of the uncompressed HTML, the same whichever encoding it sends, so a body is
// kept per URL *and* per request headers the page varies on (Accept-Encoding, Next's router headers):
// a gzipped body is only ever sent to a request that asked the same way. Bounded in bytes; the page
// used longest ago goes first.
//
// Reuse for a moment (PAGE_REUSE_MS, default 1 s): a page Next has just confirmed (a 200 or a 304) is
// sent again, with the headers of that answer, a new request id and date, to the visitors without a
// session who ask for it in the next second, without asking Next. A livestream's link brings a flood
// of such visitors to one or two pages, and each confirmation costs Next its whole request pipeline
// (about 2 ms of CPU, 5 under a burst's load), taken from the checkout on the same cores. The price is
// that a change reaches these visitors up to that moment late; a signed-in visitor (the operator who
// has just edited a product) is always asked for, and an answer that sets a cookie is never reused.
import type { IncomingHttpHeaders } from "node:http";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { replacedHeaders, withoutHeaders } from "./raw-headers";

export interface StoredPage {
  etag: string;
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** The 200's Vary: Next's 304 leaves out the Accept-Encoding its compression adds to a body. */
  vary: string | undefined;
  /** The page's inline-script hashes (lib/http/inline-script-hashes.ts). */
  hashes: string[];
  /** The headers of Next's last answer confirming this body to a visitor without a session, and when. */
  confirmed?: { headers: string[]; at: number };
}

/** Request headers a page's answer varies on (Next's Vary: the router's headers and Accept-Encoding). */
const VARY = ["accept-encoding", "rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"] as const;

/** Headers of Next's 304 that describe no body, or another one: replaced by the stored page's. */
const BODY_HEADERS = new Set(["content-length", "content-type", "content-encoding", "transfer-encoding", "vary"]);

export class PageStore {
  private readonly entries = new Map<string, StoredPage>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxPageBytes = 2 * 1024 * 1024,
  ) {}

  /**
   * The store's key of a request: its URL, the headers the answer varies on, the scheme the edge
   * proxy says it was asked over (HSTS only over HTTPS) and the remembered language (proxy.ts sends
   * a visitor whose cookie says English from / to /en).
   */
  static keyOf(url: string, headers: IncomingHttpHeaders): string {
    let key = url;
    for (const name of VARY) {
      const value = headers[name];
      key += `\n${Array.isArray(value) ? value.join(",") : (value ?? "")}`;
    }
    return `${key}\n${headers["x-forwarded-proto"] ?? ""}\n${rememberedLocale(headers.cookie)}`;
  }

  /**
   * The page to send again without asking Next: Next confirmed it to a visitor without a session at
   * most `withinMs` ago, and this visitor has no session either.
   */
  reusable(key: string, headers: IncomingHttpHeaders, now: number, withinMs: number): StoredPage | undefined {
    if (withinMs <= 0 || hasSession(headers.cookie)) return undefined;
    const page = this.entries.get(key);
    return page?.confirmed && now - page.confirmed.at <= withinMs ? page : undefined;
  }

  /** Next has just sent (or confirmed) `page` to this request with `sentHeaders`: reusable for a moment when both allow. */
  confirm(page: StoredPage, requestHeaders: IncomingHttpHeaders, sentHeaders: string[], now: number): void {
    if (hasSession(requestHeaders.cookie)) return;
    for (let i = 0; i < sentHeaders.length; i += 2) if (sentHeaders[i]!.toLowerCase() === "set-cookie") return;
    page.confirmed = { headers: sentHeaders, at: now };
  }

  get(key: string): StoredPage | undefined {
    const page = this.entries.get(key);
    if (page) {
      // Used now: it goes to the end of the eviction order.
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    return page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    if (page.body.length > this.maxPageBytes) return;
    this.entries.set(key, page);
    this.bytes += page.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  delete(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.body.length;
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }
}

/** next-auth's session cookie, in any of its names (__Secure- over HTTPS, .0/.1 when split in chunks). */
function hasSession(cookie: string | undefined): boolean {
  return cookie !== undefined && cookie.includes("next-auth.session-token");
}

function rememberedLocale(cookie: string | undefined): string {
  if (!cookie) return "";
  const at = cookie.indexOf(`${LOCALE_COOKIE}=`);
  if (at < 0 || (at > 0 && cookie[at - 1] !== " " && cookie[at - 1] !== ";")) return "";
  const end = cookie.indexOf(";", at);
  return cookie.slice(at + LOCALE_COOKIE.length + 1, end < 0 ? undefined : end).trim();
}

/** A reused answer's headers: those Next sent, with this request's own id (lib/ops/request-id.ts) and date. */
export function reusedPageHeaders(headers: string[], requestId: string, date: string): string[] {
  return replacedHeaders(headers, { "x-request-id": requestId, date });
}

/**
 * The 200 a client receives for a 304 that Next gave to the store's own If-None-Match: Next's headers
 * of this request (request id, cookies, caching, security headers), the CSP as given, and the stored
 * body's type, encoding, length and Vary.
 */
export function storedPageHeaders(rawHeaders: string[], page: StoredPage, csp: string | undefined): string[] {
  const kept = withoutHeaders(rawHeaders, BODY_HEADERS);
  const out = csp === undefined ? kept : replacedHeaders(kept, { "content-security-policy": csp });
  if (page.vary) out.push("Vary", page.vary);
  if (page.contentType) out.push("Content-Type", page.contentType);
  if (page.contentEncoding) out.push("Content-Encoding", page.contentEncoding);
  out.push("Content-Length", String(page.body.length));
  return out;
}
