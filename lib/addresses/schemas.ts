// The address book's inputs. The address itself is the checkout's (lib/orders/address.ts): one
// validator for both, so a saved address is always one the checkout accepts.
import { z } from "zod";
import { addressSchema } from "@/lib/orders/address";

/** How many addresses one user may keep. */
export const MAX_ADDRESSES = 20;

/** A checkbox sends "on" when ticked and nothing when not. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(true), z.literal(false), z.literal("false")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === true);

export const addressId = z.string({ error: "notFound" }).trim().min(1, "notFound").max(64, "notFound");

export const addressCreateInput = z.object({ address: addressSchema, makeDefault: checkbox });
export const addressUpdateInput = z.object({ id: addressId, address: addressSchema, makeDefault: checkbox });
export const addressIdInput = z.object({ id: addressId });

export type AddressFields = z.output<typeof addressSchema>;
