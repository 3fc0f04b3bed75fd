// GET /api/health: liveness for a load balancer or process manager. Answers 200 while this
// process can serve HTTP at all; it does not touch the database (that is /api/ready), so a
// database outage does not get every process restarted.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
