// One-click unsubscribe (RFC 8058): mail apps POST "List-Unsubscribe=One-Click" to the link in the
// List-Unsubscribe header. The signed token names the address and the category; nothing else is needed.
import { db } from "@/lib/db/db.server";
import { isOptional } from "@/lib/notifications/kinds";
import { optOut } from "@/lib/notifications/preferences";
import { readUnsubscribeToken } from "@/lib/notifications/unsubscribe";

export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const target = readUnsubscribeToken(token);
  if (!target || !isOptional(target.category)) return Response.json({ error: "unsubscribeLinkInvalid" }, { status: 404 });
  await optOut(db, target.address, target.category);
  return Response.json({ ok: true, category: target.category });
}
