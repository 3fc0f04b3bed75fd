// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startSweeper } = await import("@/lib/orders/sweeper.server");
    startSweeper();
    const { startLiveClock } = await import("@/lib/campaigns/clock.server");
    startLiveClock();
  }
}
