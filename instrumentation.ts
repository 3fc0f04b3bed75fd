// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Every request's socket address in a header Next cannot be handed by a client (lib/http/client-address.ts).
    const { installPeerHeader } = await import("@/lib/http/client-address");
    await installPeerHeader();
    const { startSweeper } = await import("@/lib/orders/sweeper.server");
    startSweeper();
  }
}
