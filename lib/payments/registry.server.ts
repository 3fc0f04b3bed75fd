// The payment provider of this process, chosen by the environment (./config.ts).
import "server-only";
import { ActionError } from "@/lib/errors";
import { paymentConfig } from "./config";
import { demoProvider } from "./demo";
import type { PaymentProvider } from "./provider";
import { stripeProvider } from "./stripe.server";
import { transferProvider } from "./transfer";
import { log } from "@/lib/ops/log.server";

/** The provider new orders use (bank transfer is chosen apart: ./transfer.ts); ActionError("paymentUnavailable") when none is configured. */
export function currentPaymentProvider(): PaymentProvider {
  const config = paymentConfig();
  if (config.provider === "stripe") return stripeProvider(config);
  if (config.provider === "demo") return demoProvider;
  log.error({ reason: config.reason }, "checkout is off: no payment provider");
  throw new ActionError("paymentUnavailable");
}

/** The provider an existing order was created with (refunds and the sweeper need that one). */
export function providerFor(name: string): PaymentProvider {
  const config = paymentConfig();
  if (name === "stripe" && config.provider === "stripe") return stripeProvider(config);
  if (name === "demo") return demoProvider;
  if (name === "transfer") return transferProvider;
  throw new ActionError("paymentUnavailable");
}
