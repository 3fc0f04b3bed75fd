// Runs the outbox sender in every server process (started from instrumentation.ts, like the
// sweeper). Several processes are safe: rows are claimed with SKIP LOCKED and a lease (sender.ts).
// Without SMTP_URL no mail is sent and mail rows stay PENDING, readable in the admin console.
import "server-only";
import { db } from "@/lib/db/db.server";
import { env } from "@/lib/env/env";
import { notificationConfig } from "./config";
import { deliverDue, type Transports } from "./sender";
import { fakeSmsProvider, smsTransport, smtpTransport } from "./transports";

const state = globalThis as unknown as { xiaokangOutbox?: NodeJS.Timeout };

export function transportsFromConfig(): Transports {
  const config = notificationConfig();
  const transports: Transports = {};
  if (config.smtpUrl) transports.EMAIL = smtpTransport(config.smtpUrl, config.mailFrom);
  if (config.smsProvider === "fake") transports.SMS = smsTransport(fakeSmsProvider((line) => console.log(line)));
  return transports;
}

export function startOutboxSender(): void {
  if (state.xiaokangOutbox || !env().DATABASE_URL) return;
  const config = notificationConfig();
  const transports = transportsFromConfig();
  if (!transports.EMAIL) console.log("[outbox] SMTP_URL is not set: mail is not sent; the admin console shows what would go out");
  if (Object.keys(transports).length === 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Keep going while full batches come back, so a burst does not wait for many ticks.
      for (let round = 0; round < 10; round++) {
        const { sent, failed } = await deliverDue(db, transports, { limit: 20 });
        if (sent || failed) console.log(`[outbox] sent ${sent}, failed ${failed}`);
        if (sent + failed < 20) break;
      }
    } catch (error) {
      console.error("[outbox] round failed; will try again:", error);
    } finally {
      running = false;
    }
  };
  state.xiaokangOutbox = setInterval(tick, config.pollMs);
  state.xiaokangOutbox.unref();
}
