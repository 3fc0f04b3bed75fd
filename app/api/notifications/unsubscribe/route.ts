// One-click unsubscribe (RFC 8058): mail apps POST "List-Unsubscribe=One-Click" to the link in the
// List-Unsubscribe header. The signed token names the address and the category; nothing else is
// needed, and anything but a valid token is the same 404 as a path that does not exist.
import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/route.server";
import { optOutByToken } from "@/lib/notifications/preferences.server";

export const POST = defineRoute({
  name: "notifications.unsubscribe",
  allow: "anyone",
  query: z.object({ token: z.string().min(1).max(800) }),
  async handle(_ctx, { query }) {
    const { category } = await optOutByToken(query.token);
    return NextResponse.json({ ok: true, category }, { headers: { "cache-control": "no-store" } });
  },
});
