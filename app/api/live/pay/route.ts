// The payment-session queue of a livestream order (lib/payments/session-queue.ts), for the holder
// of the order's link: POST puts the order in the queue (once), GET polls its place.
//   body / query  { orderId, token, locale? }
//   200 { ok: true, state: "waiting", ahead, etaSeconds } | { state: "ready", url } | { state: "closed" | "failed" }
//   400 invalidInput, 404 not this order's token, 403 foreign origin, 413 body too large
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { payThroughQueue } from "@/lib/campaigns/campaigns.server";
import { env } from "@/lib/env/env";

const input = z.object({
  orderId: z.string().min(1).max(64),
  token: z.string().min(1).max(64),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
});

function originOf(request: NextRequest): string {
  const publicUrl = env().NEXTAUTH_URL;
  return publicUrl ? new URL(publicUrl).origin : request.nextUrl.origin;
}

async function answer(request: NextRequest, raw: unknown, enqueue: boolean) {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return NextResponse.json({ ok: false, error: "invalidInput" }, { status: 400 });
  const status = await payThroughQueue({ ...parsed.data, origin: originOf(request) }, enqueue);
  if (!status) return NextResponse.json({ ok: false, error: "notFound" }, { status: 404 });
  return NextResponse.json({ ok: true, ...status }, { headers: { "cache-control": "no-store" } });
}

export async function POST(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin && origin !== originOf(request)) {
    return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  }
  if (Number(request.headers.get("content-length") ?? "0") > 1024)
    return NextResponse.json({ ok: false, error: "bodyTooLarge" }, { status: 413 });
  const text = await request.text();
  if (text.length > 1024) return NextResponse.json({ ok: false, error: "bodyTooLarge" }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ ok: false, error: "invalidInput" }, { status: 400 });
  }
  return answer(request, body, true);
}

export async function GET(request: NextRequest) {
  return answer(request, Object.fromEntries(request.nextUrl.searchParams), false);
}
