import "server-only";
// The address book as the account page and the checkout read it, bound to this process's database.
import { withDb } from "@/lib/db/db.server";
import { addressBook } from "./addresses";

export const addressBookOf = withDb(addressBook);
