import "server-only";
// The admin's transfer page and the checkout's choice, bound to this process's database.
import { withDb } from "@/lib/db/db.server";
import { mayPayByTransfer } from "./transfer";
import { findTransfers } from "./transfers";

export const transfersMatching = withDb(findTransfers);
export const canPayByTransfer = withDb(mayPayByTransfer);
