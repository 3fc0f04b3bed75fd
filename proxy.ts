// Locale routing, catalogue caching and the pages' security headers, in front of every page.
// - Chinese (default) pages have no prefix, English pages live under /en; /zh-CN/... switches
//   back to Chinese. The last choice is remembered in a cookie.
// - /products?<filters> is rewritten to /<locale>/catalog/<canonical key>, so every distinct
//   filter set is one cached (ISR) page instead of a fresh render per request.
// - Every page answer carries the security headers of lib/http/security-headers.ts; a page
//   rendered per request gets a fresh CSP nonce, passed to Next in the request's CSP header
//   (Next puts it on the scripts it writes).
import { NextResponse, type NextRequest } from "next/server";
import { BoundedMap } from "@/lib/cache/bounded-map";
import { catalogKey, catalogQueryString, parseCatalogFilters } from "@/lib/catalog/filters";
import { pageSettings } from "@/lib/env/env";
import { actionBodyRefusal } from "@/lib/http/body";
import { isDynamicPage, isTokenPage, newNonce, pageHeaders, servedOverHttps } from "@/lib/http/security-headers";
import { defaultLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/ops/request-id";

const ONE_YEAR = 60 * 60 * 24 * 365;

// The Set-Cookie header itself, not response.cookies.set(): that copies the response's headers and
// adds x-middleware-set-cookie, so that a page rendered in this request reads the new cookie; no page
// reads this one (the language comes from the URL), and every first English view paid for it.
const REMEMBER = {
  "zh-CN": `${LOCALE_COOKIE}=zh-CN; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
  en: `${LOCALE_COOKIE}=en; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
} satisfies Record<Locale, string>;

function remember(response: NextResponse, locale: Locale) {
  response.headers.append("set-cookie", REMEMBER[locale]);
  return response;
}

// A cached page's headers are the same for every request with the same scheme and path kind: built
// once (pageHeaders joins the CSP and builds the object on every call) and reused. Pages rendered per
// request get a fresh nonce, so theirs are built each time.
const cachedPageHeaders = new Map<string, [string, string][]>();
function headersFor(pathname: string, nonce: string | null, https: boolean, dev: boolean): [string, string][] {
  if (nonce) return Object.entries(pageHeaders(pathname, { nonce, https, dev }));
  const kind = `${https}|${dev}|${isTokenPage(pathname)}`;
  let entries = cachedPageHeaders.get(kind);
  if (!entries) cachedPageHeaders.set(kind, (entries = Object.entries(pageHeaders(pathname, { nonce, https, dev }))));
  return entries;
}

// The catalogue's cache key of a query string, remembered for the query strings seen lately: a
// shopper's filters are a handful of zod parses, on every view of every catalogue page. Bounded, so
// a stream of made-up query strings only costs what it cost before.
const catalogKeys = new BoundedMap<string, string>(1000);
function catalogKeyOf(search: string, params: URLSearchParams): string {
  let key = catalogKeys.get(search);
  if (key === undefined) {
    key = catalogKey(params);
    if (search.length <= 1024) catalogKeys.set(search, key);
  }
  return key;
}

export function proxy(request: NextRequest) {
  // A server action's body over its limit is refused before Next reads it (lib/http/body.ts).
  if (request.method === "POST" && request.headers.has("next-action")) {
    const limit = actionBodyRefusal(request.headers.get("content-type"), request.headers.get("content-length"));
    if (limit !== null)
      return NextResponse.json(
        { ok: false, error: "tooLarge", values: { limit } },
        {
          status: 413,
          headers: {
            connection: "close",
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
          },
        },
      );
  }
  const settings = pageSettings();
  const { pathname } = request.nextUrl;
  const nonce = isDynamicPage(pathname) ? newNonce() : null;
  const headers = headersFor(
    pathname,
    nonce,
    servedOverHttps(settings.NEXTAUTH_URL, request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol),
    settings.NODE_ENV === "development",
  );
  const response = route(request, nonce ? headers.find(([name]) => name === "content-security-policy")![1] : null);
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

function route(request: NextRequest, csp: string | null): NextResponse {
  const { pathname } = request.nextUrl;
  const remembered = request.cookies.get(LOCALE_COOKIE)?.value;

  if (pathname === "/zh-CN" || pathname.startsWith("/zh-CN/")) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.slice("/zh-CN".length) || "/";
    return remember(NextResponse.redirect(url), "zh-CN");
  }

  let locale: Locale;
  let path: string;
  if (pathname === "/en" || pathname.startsWith("/en/")) {
    locale = "en";
    path = pathname.slice("/en".length) || "/";
  } else {
    if (remembered === "en") {
      const url = request.nextUrl.clone();
      url.pathname = pathname === "/" ? "/en" : `/en${pathname}`;
      return NextResponse.redirect(url);
    }
    locale = defaultLocale;
    path = pathname;
  }

  if ((path === "/products" || path === "/products/") && hasEmptyParameter(request.nextUrl.searchParams)) {
    // The filter form (a plain GET form) sends every field, empty ones too: a shared link should
    // not carry "county=&category=&…". Send the browser to the canonical address instead.
    const url = request.nextUrl.clone();
    url.search = catalogQueryString(parseCatalogFilters(request.nextUrl.searchParams));
    return NextResponse.redirect(url, 303);
  }
  // The rewrite's target as a string on this origin (a clone of request.nextUrl would parse the URL
  // again, with Next's locale and base-path analysis, on every request).
  const { origin, search } = request.nextUrl;
  const target =
    path === "/products" || path === "/products/"
      ? `${origin}/${locale}/catalog/${catalogKeyOf(search, request.nextUrl.searchParams)}`
      : `${origin}${path === "/" ? `/${locale}` : `/${locale}${path}`}${search}`;
  // The request id, sent back to the browser; and, where something on the server reads them, the
  // request id for the log lines (lib/ops/log.server.ts) and the CSP nonce, which Next reads from
  // the request's CSP header. A cached page's GET (every storefront view) reads neither: it is
  // answered from the cache, or rendered once for everyone. Forwarding request headers makes Next
  // copy every header of the request through x-middleware-request-* and back, so it is done only
  // for pages rendered per request and for posts (server actions).
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  let response: NextResponse;
  if (csp || (request.method !== "GET" && request.method !== "HEAD")) {
    const forwarded = new Headers(request.headers);
    forwarded.set(REQUEST_ID_HEADER, requestId);
    if (csp) forwarded.set("content-security-policy", csp);
    response = NextResponse.rewrite(target, { request: { headers: forwarded } });
  } else response = NextResponse.rewrite(target);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  // Only a page the visitor opens changes the remembered language, never a background (RSC)
  // fetch: an old page's prefetch landing after a switch would otherwise switch it back.
  const opened = !request.headers.has("rsc") && request.headers.get("sec-fetch-mode") !== "cors";
  return locale === "en" && remembered !== "en" && opened ? remember(response, "en") : response;
}

function hasEmptyParameter(params: URLSearchParams): boolean {
  for (const value of params.values()) if (value.trim() === "") return true;
  return false;
}

export const config = {
  // Pages only: not API routes, Next's own files, or anything with a file extension.
  matcher: ["/((?!api/|_next/|images/|uploads/|.*\\.[a-zA-Z0-9]+$).*)"],
};
