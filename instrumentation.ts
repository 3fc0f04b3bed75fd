// Next.js calls register() once when a server process starts, and onRequestError() for every
// error thrown while rendering or in a route handler (logged with the request id, lib/ops/log).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startJobs } = await import("@/lib/jobs/scheduler.server");
    const { sweeperJob } = await import("@/lib/orders/sweeper.server");
    startJobs([sweeperJob]);
  }
}

export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routerKind: string; routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/ops/log.server");
  logRequestError(error, request, context);
}
