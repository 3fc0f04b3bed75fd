import { describe, expect, it } from "vitest";
import { paymentConfig } from "./config";

describe("payment settings", () => {
  it("uses Stripe when a secret key is set, with the payment methods asked for", () => {
    const config = paymentConfig({
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      STRIPE_PAYMENT_METHODS: "card, alipay,wechat_pay",
    });
    expect(config).toMatchObject({ provider: "stripe", methods: ["card", "alipay", "wechat_pay"], webhookSecret: "whsec_x" });
  });

  it("offers the demo page without Stripe, but not in production unless enabled", () => {
    expect(paymentConfig({ NODE_ENV: "development" }).provider).toBe("demo");
    expect(paymentConfig({ NODE_ENV: "production" }).provider).toBe("none");
    expect(paymentConfig({ NODE_ENV: "production", DEMO_PAYMENTS: "1" }).provider).toBe("demo");
    expect(paymentConfig({ NODE_ENV: "production", STRIPE_SECRET_KEY: "" }).provider).toBe("none");
  });

  it("turns checkout off, with the reason, when a setting is malformed", () => {
    const config = paymentConfig({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_PAYMENT_METHODS: "card,bitcoin" });
    expect(config.provider).toBe("none");
    expect(config).toHaveProperty("reason", expect.stringContaining("STRIPE_PAYMENT_METHODS"));
  });
});
