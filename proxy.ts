// Locale routing, catalogue caching and the pages' security headers, in front of every page.
// - Chinese (default) pages have no prefix, English pages live under /en; /zh-CN/... switches
//   back to Chinese. The last choice is remembered in a cookie.
// - /products?<filters> is rewritten to /<locale>/catalog/<canonical key>, so every distinct
//   filter set is one cached (ISR) page instead of a fresh render per request.
// - Every page answer carries the security headers of lib/http/security-headers.ts; a page
//   rendered per request gets a fresh CSP nonce, passed to Next in the request's CSP header
//   (Next puts it on the scripts it writes).
import { NextResponse, type NextRequest } from "next/server";
import { catalogKey, catalogQueryString, parseCatalogFilters } from "@/lib/catalog/filters";
import { env } from "@/lib/env/env";
import { actionBodyRefusal } from "@/lib/http/body";
import { isDynamicPage, newNonce, pageHeaders, servedOverHttps } from "@/lib/http/security-headers";
import { defaultLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/ops/request-id";

const ONE_YEAR = 60 * 60 * 24 * 365;

function remember(response: NextResponse, locale: Locale) {
  response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
  return response;
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
  const settings = env();
  const nonce = isDynamicPage(request.nextUrl.pathname) ? newNonce() : null;
  const headers = pageHeaders(request.nextUrl.pathname, {
    nonce,
    https: servedOverHttps(settings.NEXTAUTH_URL, request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol),
    dev: settings.NODE_ENV === "development",
  });
  const response = route(request, nonce ? headers["content-security-policy"]! : null);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
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

  const target = request.nextUrl.clone();
  if ((path === "/products" || path === "/products/") && hasEmptyParameter(request.nextUrl.searchParams)) {
    // The filter form (a plain GET form) sends every field, empty ones too: a shared link should
    // not carry "county=&category=&…". Send the browser to the canonical address instead.
    const url = request.nextUrl.clone();
    url.search = catalogQueryString(parseCatalogFilters(request.nextUrl.searchParams));
    return NextResponse.redirect(url, 303);
  }
  if (path === "/products" || path === "/products/") {
    target.pathname = `/${locale}/catalog/${catalogKey(request.nextUrl.searchParams)}`;
    target.search = "";
  } else {
    target.pathname = path === "/" ? `/${locale}` : `/${locale}${path}`;
  }
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
