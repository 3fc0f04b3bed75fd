import "server-only";
// Stripe's events applied to this process's database (the webhook route's one call).
import { withDb } from "@/lib/db/db.server";
import { handleStripeEvent } from "./stripe-events";

export const applyStripeEvent = withDb(handleStripeEvent);
