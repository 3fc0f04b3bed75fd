// POST /api/live/reserve through Next (dev, tests); production answers it in scripts/serve.mjs
// first. Contract and limits: lib/campaigns/reserve-http.ts.
import { NextResponse, type NextRequest } from "next/server";
import { live } from "@/lib/campaigns/live.server";
import { handleReserve } from "@/lib/campaigns/reserve-http";
import { env } from "@/lib/env/env";
import { readTextOrNull } from "@/lib/http/body";
import { paymentConfig } from "@/lib/payments/config";

export async function POST(request: NextRequest) {
  const config = paymentConfig();
  if (config.provider === "none") return NextResponse.json({ ok: false, error: "paymentUnavailable" }, { status: 503 });
  const settings = env();
  const own = settings.NEXTAUTH_URL ? new URL(settings.NEXTAUTH_URL).origin : request.nextUrl.origin;
  const answer = await handleReserve(
    { method: request.method, header: (n) => request.headers.get(n), readBody: (max) => readTextOrNull(request, max) },
    {
      reserver: live().reserver,
      permits: { desk: live().permits, mode: settings.LIVE_PERMITS },
      secret: settings.AUTH_SECRET ?? "",
      paymentProvider: config.provider,
      origins: [own, request.nextUrl.origin],
    },
  );
  return NextResponse.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store", ...answer.headers } });
}
