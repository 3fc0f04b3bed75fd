// GET /api/catalog/operators?county=620523 — the sellers of a county, for the catalogue's seller
// filter (components/catalog/OperatorSelect.tsx). Public catalogue data, cached like the pages.
import { NextResponse, type NextRequest } from "next/server";
import { listCountyOperators } from "@/lib/catalog/catalog.server";

export async function GET(request: NextRequest) {
  const county = request.nextUrl.searchParams.get("county") ?? "";
  if (!/^\d{6}$/.test(county)) return NextResponse.json({ error: "county must be a 6-digit county code" }, { status: 400 });
  const operators = await listCountyOperators(county);
  return NextResponse.json(
    operators.map((o) => [o.value, o.nameZh, o.nameEn]),
    { headers: { "cache-control": "public, max-age=60, stale-while-revalidate=300" } },
  );
}
