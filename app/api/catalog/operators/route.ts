// GET /api/catalog/operators?county=620523 — the sellers of a county, for the catalogue's seller
// filter (components/catalog/OperatorSelect.tsx). Public catalogue data, cached like the pages.
import { NextResponse } from "next/server";
import { z } from "zod";
import { listCountyOperators } from "@/lib/catalog/catalog.server";
import { defineRoute } from "@/lib/http/route.server";

export const GET = defineRoute({
  name: "catalog.operators",
  allow: "anyone",
  query: z.object({ county: z.string().regex(/^\d{6}$/, "county must be a 6-digit county code") }),
  async handle(_ctx, { query }) {
    const operators = await listCountyOperators(query.county);
    return NextResponse.json(
      operators.map((o) => [o.value, o.nameZh, o.nameEn]),
      { headers: { "cache-control": "public, max-age=60, stale-while-revalidate=300" } },
    );
  },
});
