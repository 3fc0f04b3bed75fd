// GET /api/ready: readiness for a load balancer. 200 when the database answers and every
// migration of this build is applied; otherwise 503 with a one-word reason ("database" or
// "migrations") and nothing about where the database is.
import { log } from "@/lib/ops/log.server";
import { readiness as check } from "@/lib/ops/ready.server";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await check();
  if (!readiness.ready) log.warn({ reason: readiness.reason }, "not ready");
  return Response.json(readiness.ready ? { status: "ready" } : { status: "not-ready", reason: readiness.reason }, {
    status: readiness.ready ? 200 : 503,
    headers: { "cache-control": "no-store", ...(readiness.ready ? {} : { "retry-after": "5" }) },
  });
}
