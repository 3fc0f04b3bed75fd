// Next.js calls register() once when a server process starts: check the settings first, so a
// server with a missing or malformed secret refuses to start and says which (lib/env/env.ts),
// then start the background jobs. NEXT_RUNTIME and NEXT_PHASE are Next's own variables.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Every request's socket address in a header Next cannot be handed by a client (lib/http/client-address.ts).
    const { installPeerHeader } = await import("@/lib/http/client-address");
    await installPeerHeader();
    const { assertServerEnv } = await import("@/lib/env/env");
    try {
      assertServerEnv();
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
    const { startJobs } = await import("@/lib/jobs/scheduler.server");
    const { sweeperJob } = await import("@/lib/orders/sweeper.server");
    const { escalateJob } = await import("@/lib/after-sales/escalate.server");
    startJobs([sweeperJob, escalateJob]);
    // The outbox sender and auto-confirm claim their rows with SKIP LOCKED themselves, so every
    // process may run them (and the e2e server, whose JOBS=off stops only the scheduler's jobs).
    const { registerSecurityMailer } = await import("@/lib/notifications/security");
    registerSecurityMailer();
    const { startOutboxSender } = await import("@/lib/notifications/sender.server");
    startOutboxSender();
    const { startAutoConfirm } = await import("@/lib/orders/receipt.server");
    startAutoConfirm();
    const { startLiveClock } = await import("@/lib/campaigns/clock.server");
    startLiveClock();
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
