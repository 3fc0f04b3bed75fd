// GET /api/search/suggest?q=甘谷 — up to eight product names for the header's search box
// (components/search/HeaderSearch.tsx). Public catalogue data: cached per normalised query on the
// server (lib/search/search.server.ts) and for a minute in the browser; no database query per keystroke.
import { NextResponse, type NextRequest } from "next/server";
import { suggestProducts } from "@/lib/search/search.server";
import { normalize } from "@/lib/search/tokenize";

export async function GET(request: NextRequest) {
  const raw = request.nextUrl.searchParams.get("q") ?? "";
  if (raw.length > 100) return NextResponse.json({ error: "q is at most 40 characters" }, { status: 400 });
  const query = normalize(raw).slice(0, 40);
  const items = query ? await suggestProducts(query) : [];
  return NextResponse.json(
    items.map((s) => [s.slug, s.nameZh, s.nameEn]),
    { headers: { "cache-control": "public, max-age=60, stale-while-revalidate=300" } },
  );
}
