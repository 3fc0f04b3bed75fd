// GET /api/search/suggest?q=甘谷 — up to eight product names for the header's search box
// (components/search/HeaderSearch.tsx). Public catalogue data: cached per normalised query on the
// server (lib/search/search.server.ts) and for a minute in the browser; no database query per keystroke.
import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/route.server";
import { suggestProducts } from "@/lib/search/search.server";
import { normalize } from "@/lib/search/tokenize";

export const GET = defineRoute({
  name: "search.suggest",
  allow: "anyone",
  query: z.object({ q: z.string().max(100, "q is at most 40 characters").default("") }),
  async handle(_ctx, { query }) {
    const q = normalize(query.q).slice(0, 40);
    const items = q ? await suggestProducts(q) : [];
    return NextResponse.json(
      items.map((s) => [s.slug, s.nameZh, s.nameEn]),
      { headers: { "cache-control": "public, max-age=60, stale-while-revalidate=300" } },
    );
  },
});
