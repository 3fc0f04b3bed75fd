// The address book (地址簿): a user's saved delivery addresses, one of them the default.
//   - Every change runs in one transaction that first locks the user's row, so two changes of one
//     user's book happen one after the other: the cap holds and exactly one address stays the
//     default (the partial unique index "SavedAddress_one_default_per_user" is the last word).
//   - An address of another user is "not found" (never "forbidden"): ids from forms are hostile.
//   - The first address is the default; deleting the default makes the newest remaining one the
//     default.
// Orders copy the address they are sent to (lib/orders/checkout.ts), so nothing here changes an order.
import type { Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MAX_ADDRESSES, type AddressFields } from "./schemas";

type Tx = Prisma.TransactionClient;

export const ADDRESS_FIELDS = { recipient: true, mobile: true, province: true, city: true, district: true, address: true } as const;
const LISTED = { id: true, ...ADDRESS_FIELDS, isDefault: true } as const;

export interface SavedAddressView extends AddressFields {
  id: string;
  isDefault: boolean;
}

/** The user's addresses: the default first, then the newest. */
export function addressBook(db: Db | Tx, userId: string): Promise<SavedAddressView[]> {
  return db.savedAddress.findMany({
    where: { userId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    select: LISTED,
  });
}

/** One of the user's own addresses, or notFound() (someone else's id included). */
export async function ownAddress(db: Db | Tx, userId: string, id: string): Promise<SavedAddressView> {
  const found = await db.savedAddress.findFirst({ where: { id, userId }, select: LISTED });
  if (!found) throw notFound();
  return found;
}

async function lockBook(tx: Tx, userId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  if (!rows.length) throw notFound();
}

async function makeDefault(tx: Tx, userId: string, id: string): Promise<void> {
  await tx.savedAddress.updateMany({ where: { userId, isDefault: true, id: { not: id } }, data: { isDefault: false } });
  await tx.savedAddress.update({ where: { id }, data: { isDefault: true } });
}

const same = (a: AddressFields, b: AddressFields) => (Object.keys(ADDRESS_FIELDS) as (keyof AddressFields)[]).every((k) => a[k] === b[k]);

async function insert(tx: Tx, userId: string, fields: AddressFields, wantsDefault: boolean): Promise<SavedAddressView> {
  const count = await tx.savedAddress.count({ where: { userId } });
  if (count >= MAX_ADDRESSES) throw new ActionError("addressBookFull", { max: MAX_ADDRESSES });
  const created = await tx.savedAddress.create({ data: { userId, ...fields, isDefault: false }, select: { id: true } });
  if (wantsDefault || count === 0) await makeDefault(tx, userId, created.id);
  return ownAddress(tx, userId, created.id);
}

export async function createAddress(db: Db, userId: string, fields: AddressFields, wantsDefault = false): Promise<SavedAddressView> {
  return db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    return insert(tx, userId, fields, wantsDefault);
  });
}

export async function updateAddress(
  db: Db,
  userId: string,
  id: string,
  fields: AddressFields,
  wantsDefault = false,
): Promise<SavedAddressView> {
  return db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    await ownAddress(tx, userId, id);
    await tx.savedAddress.update({ where: { id }, data: fields });
    if (wantsDefault) await makeDefault(tx, userId, id);
    return ownAddress(tx, userId, id);
  });
}

export async function setDefaultAddress(db: Db, userId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    await ownAddress(tx, userId, id);
    await makeDefault(tx, userId, id);
  });
}

export async function deleteAddress(db: Db, userId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockBook(tx, userId);
    const gone = await ownAddress(tx, userId, id);
    await tx.savedAddress.delete({ where: { id } });
    if (!gone.isDefault) return;
    const next = await tx.savedAddress.findFirst({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    if (next) await makeDefault(tx, userId, next.id);
  });
}

/**
 * "Save this address" at checkout, inside the order's transaction: an address already in the book
 * is not saved twice, and a full book is left as it is (the order goes ahead; the account page
 * says the book is full when the shopper adds one there).
 */
export async function saveFromCheckout(tx: Tx, userId: string, fields: AddressFields): Promise<void> {
  await lockBook(tx, userId);
  const book = await addressBook(tx, userId);
  if (book.some((a) => same(a, fields)) || book.length >= MAX_ADDRESSES) return;
  await insert(tx, userId, fields, false);
}
