// GET /api/live/stock?campaign=<id>: the live page's remaining figures, from memory (≤ 1 s old).
import { NextResponse, type NextRequest } from "next/server";
import { live } from "@/lib/campaigns/live.server";

export async function GET(request: NextRequest) {
  const id = request.nextUrl.searchParams.get("campaign") ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return NextResponse.json({ ok: false, error: "invalidInput" }, { status: 400 });
  return NextResponse.json({ ok: true, figures: await live().figures.get(id) }, { headers: { "cache-control": "no-store" } });
}
