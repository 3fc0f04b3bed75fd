// POST /api/live/permit through Next (dev, tests); production answers it in scripts/serve.mjs
// first. A guest's admission permit for a livestream: lib/campaigns/reserve-http.ts (handlePermit).
import { NextResponse, type NextRequest } from "next/server";
import { live } from "@/lib/campaigns/live.server";
import { handlePermit } from "@/lib/campaigns/reserve-http";
import { env } from "@/lib/env/env";
import { readTextOrNull } from "@/lib/http/body";

export async function POST(request: NextRequest) {
  const settings = env();
  const own = settings.NEXTAUTH_URL ? new URL(settings.NEXTAUTH_URL).origin : request.nextUrl.origin;
  const answer = await handlePermit(
    { method: request.method, header: (n) => request.headers.get(n), readBody: (max) => readTextOrNull(request, max) },
    { desk: live().permits, origins: [own, request.nextUrl.origin] },
  );
  return NextResponse.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store", ...answer.headers } });
}
