// Which payment provider runs, read from the environment (validated with zod at first use):
//   STRIPE_SECRET_KEY          set: Stripe Checkout (and STRIPE_WEBHOOK_SECRET for /api/stripe/webhook)
//   STRIPE_API_URL             optional: another Stripe API address (the tests' local fake server)
//   STRIPE_PAYMENT_METHODS     optional: comma-separated Checkout payment method types, default "card";
//                              e.g. "card,alipay,wechat_pay" where the Stripe account has them
//   DEMO_PAYMENTS=1            allows the demo payment page in production (refused there otherwise)
import { z } from "zod";
import { rawEnv } from "@/lib/env/env";

const PAYMENT_METHODS = ["card", "alipay", "wechat_pay"] as const;

const schema = z.object({
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_API_URL: z.url().optional(),
  STRIPE_PAYMENT_METHODS: z
    .string()
    .default("card")
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PAYMENT_METHODS)).min(1)),
  DEMO_PAYMENTS: z.enum(["0", "1"]).optional(),
  NODE_ENV: z.string().optional(),
});

export type PaymentConfig =
  | { provider: "stripe"; secretKey: string; webhookSecret: string | null; apiUrl: URL | null; methods: (typeof PAYMENT_METHODS)[number][] }
  | { provider: "demo" }
  | { provider: "none"; reason: string };

export function paymentConfig(env: Readonly<Record<string, string | undefined>> = rawEnv()): PaymentConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return { provider: "none", reason: `payment settings are invalid (${problem})` };
  }
  const e = parsed.data;
  if (e.STRIPE_SECRET_KEY) {
    return {
      provider: "stripe",
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? null,
      apiUrl: e.STRIPE_API_URL ? new URL(e.STRIPE_API_URL) : null,
      methods: e.STRIPE_PAYMENT_METHODS,
    };
  }
  if (e.NODE_ENV === "production" && e.DEMO_PAYMENTS !== "1") {
    return {
      provider: "none",
      reason: "no STRIPE_SECRET_KEY, and the demo payment page is off in production (DEMO_PAYMENTS=1 enables it)",
    };
  }
  return { provider: "demo" };
}
