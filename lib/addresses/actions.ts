"use server";
// The address book's actions: only ever the caller's own addresses (another user's id is "not found").
// The page is rendered per request; the form refreshes it after a change.
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { createAddress, deleteAddress, setDefaultAddress, updateAddress } from "./addresses";
import { addressCreateInput, addressIdInput, addressUpdateInput } from "./schemas";

export const createSavedAddress = defineAction({
  name: "address.create",
  input: addressCreateInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const saved = await createAddress(db, actor.userId, input.address, input.makeDefault);
    return { id: saved.id };
  },
});

export const updateSavedAddress = defineAction({
  name: "address.update",
  input: addressUpdateInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const saved = await updateAddress(db, actor.userId, input.id, input.address, input.makeDefault);
    return { id: saved.id };
  },
});

export const setDefaultSavedAddress = defineAction({
  name: "address.setDefault",
  input: addressIdInput,
  allow: "signedIn",
  async run({ actor }, input) {
    await setDefaultAddress(db, actor.userId, input.id);
    return { id: input.id };
  },
});

export const deleteSavedAddress = defineAction({
  name: "address.delete",
  input: addressIdInput,
  allow: "signedIn",
  async run({ actor }, input) {
    await deleteAddress(db, actor.userId, input.id);
    return { id: input.id };
  },
});
