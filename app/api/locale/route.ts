// GET /api/locale?to=en — the language switch. Remembers the choice in the cookie and sends the
// browser back to the page it came from (the Referer), in the chosen language. A plain link, so
// it works before the page's JavaScript has loaded, and the cached pages need not know their URL.
import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { parseLocale, samePageIn } from "@/lib/i18n/switch";

const ONE_YEAR = 60 * 60 * 24 * 365;

export function GET(request: NextRequest) {
  const to = parseLocale(request.nextUrl.searchParams.get("to"));
  let from: URL | null = null;
  try {
    const referer = new URL(request.headers.get("referer") ?? "");
    // Only a page of this site counts; anything else goes to the home page.
    if (referer.host === request.headers.get("host")) from = referer;
  } catch {
    from = null;
  }
  const response = new NextResponse(null, { status: 303, headers: { location: samePageIn(to, from), "cache-control": "no-store" } });
  response.cookies.set(LOCALE_COOKIE, to, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
  return response;
}
