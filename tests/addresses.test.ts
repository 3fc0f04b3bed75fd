// The address book against the real database: exactly one default per user (concurrently too),
// the cap, another user's address refused everywhere (actions and checkout), and an order's copy of
// its address unchanged when the book is edited or emptied later.
import { describe, expect, it } from "vitest";
import { createAddress, deleteAddress, addressBook, setDefaultAddress, updateAddress, saveFromCheckout } from "@/lib/addresses/addresses";
import { MAX_ADDRESSES } from "@/lib/addresses/schemas";
import { registeredActions } from "@/lib/actions/define";
import "@/lib/addresses/actions";
import { loadActor } from "@/lib/auth/load-actor";
import { ActionError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/checkout";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "./support/db";
import { freshUser } from "./support/applications";
import { ADDRESS, cartOf, makeProduct } from "./support/shop";
import { OPERATOR_A } from "./support/personas";

const HOME = { ...ADDRESS, mobile: "13800138000" };
const WORK = {
  recipient: "李华",
  mobile: "13912345678",
  province: "甘肃省",
  city: "兰州市",
  district: "城关区",
  address: "庆阳路 1 号",
};
const ctxOf = async (userId: string) => ({
  provider: demoProvider,
  origin: "http://localhost:3000",
  locale: "zh-CN" as const,
  actor: await loadActor(testDb, userId),
});
const defaults = async (userId: string) => (await testDb.savedAddress.findMany({ where: { userId, isDefault: true } })).map((a) => a.id);
const action = (name: string) => registeredActions().find((a) => a.name === name)!;

describe("the default address", () => {
  it("the first address is the default; making another the default unsets the old one", async () => {
    const user = await freshUser();
    const first = await createAddress(testDb, user.id, HOME);
    expect(first.isDefault).toBe(true);
    const second = await createAddress(testDb, user.id, WORK);
    expect(second.isDefault).toBe(false);
    await setDefaultAddress(testDb, user.id, second.id);
    expect(await defaults(user.id)).toEqual([second.id]);
    // Added as the default: it takes over.
    const third = await createAddress(testDb, user.id, { ...HOME, address: "大像山镇人民路 14 号" }, true);
    expect(await defaults(user.id)).toEqual([third.id]);
    expect((await addressBook(testDb, user.id))[0]!.id).toBe(third.id);
    // Deleting the default: the newest remaining one becomes the default.
    await deleteAddress(testDb, user.id, third.id);
    expect(await defaults(user.id)).toEqual([second.id]);
  });

  it("many changes of one user's default at once leave exactly one default", async () => {
    const user = await freshUser();
    const saved = [];
    for (let i = 0; i < 6; i++) saved.push(await createAddress(testDb, user.id, { ...HOME, address: `大像山镇人民路 ${i + 20} 号` }));
    const results = await Promise.allSettled([
      ...saved.map((a) => setDefaultAddress(testDb, user.id, a.id)),
      ...saved.map((a, i) => createAddress(testDb, user.id, { ...WORK, address: `庆阳路 ${i + 30} 号` }, true)),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await defaults(user.id)).toHaveLength(1);
  });

  it("the database itself refuses a second default", async () => {
    const user = await freshUser();
    await createAddress(testDb, user.id, HOME);
    await expect(testDb.savedAddress.create({ data: { userId: user.id, ...WORK, isDefault: true } })).rejects.toThrow();
  });
});

describe("the cap", () => {
  it(`keeps at most ${MAX_ADDRESSES} addresses per user, also when added at once`, async () => {
    const user = await freshUser();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_ADDRESSES + 3 }, (_, i) =>
        createAddress(testDb, user.id, { ...HOME, address: `大像山镇人民路 ${i + 100} 号` }),
      ),
    );
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(3);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "addressBookFull", values: { max: MAX_ADDRESSES } });
    expect(await testDb.savedAddress.count({ where: { userId: user.id } })).toBe(MAX_ADDRESSES);
    expect(await defaults(user.id)).toHaveLength(1);
    // "Save this address" at checkout with a full book: the order is not refused, nothing is added.
    await testDb.$transaction((tx) => saveFromCheckout(tx, user.id, WORK));
    expect(await testDb.savedAddress.count({ where: { userId: user.id } })).toBe(MAX_ADDRESSES);
  });

  it("the action answers the cap with a message the user can act on", async () => {
    const user = await freshUser();
    await testDb.savedAddress.createMany({
      data: Array.from({ length: MAX_ADDRESSES }, (_, i) => ({ userId: user.id, ...HOME, address: `大像山镇人民路 ${i + 200} 号` })),
    });
    const result = await action("address.create").runAs(await loadActor(testDb, user.id), { address: WORK });
    expect(result).toMatchObject({ ok: false, error: "addressBookFull", values: { max: MAX_ADDRESSES } });
  });
});

describe("another user's address", () => {
  it("cannot be edited, deleted or made the default, and stays as it was", async () => {
    const owner = await freshUser();
    const other = await freshUser();
    const mine = await createAddress(testDb, owner.id, HOME);
    const before = await testDb.savedAddress.findUniqueOrThrow({ where: { id: mine.id } });
    const intruder = await loadActor(testDb, other.id);
    for (const [name, input] of [
      ["address.update", { id: mine.id, address: WORK, makeDefault: true }],
      ["address.delete", { id: mine.id }],
      ["address.setDefault", { id: mine.id }],
    ] as const) {
      expect(await action(name).runAs(intruder, input), name).toMatchObject({ ok: false, error: "notFound" });
    }
    await expect(updateAddress(testDb, other.id, mine.id, WORK)).rejects.toMatchObject({ code: "notFound" });
    expect(await testDb.savedAddress.findUniqueOrThrow({ where: { id: mine.id } })).toEqual(before);
    expect(await addressBook(testDb, other.id)).toEqual([]);
  });

  it("a bad address is refused by the checkout's own validator, field by field", async () => {
    const user = await freshUser();
    const result = await action("address.create").runAs(await loadActor(testDb, user.id), {
      address: { ...HOME, mobile: "12345", district: "不存在区" },
    });
    expect(result).toMatchObject({ ok: false, error: "invalidInput" });
    expect(!result.ok && result.fieldErrors).toMatchObject({
      "address.mobile": ["mobileInvalid"],
      "address.district": ["districtUnknown"],
    });
    expect(await testDb.savedAddress.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("checkout with the address book", () => {
  it("a saved address of another user is refused and nothing is ordered; a guest cannot name one either", async () => {
    const product = await makeProduct(OPERATOR_A);
    const owner = await freshUser();
    const other = await freshUser();
    const theirs = await createAddress(testDb, owner.id, HOME);
    const stock = (await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
    const attempt = cartOf([product], { email: undefined, address: undefined, savedAddressId: theirs.id });
    await expect(placeOrder(testDb, attempt, await ctxOf(other.id))).rejects.toMatchObject({ code: "notFound" });
    await expect(
      placeOrder(testDb, { ...attempt, email: "guest@example.test" }, { ...(await ctxOf(other.id)), actor: null }),
    ).rejects.toBeInstanceOf(ActionError);
    expect(await testDb.order.count({ where: { lines: { some: { productId: product.id } } } })).toBe(0);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(stock);
  });

  it("neither a saved nor a typed address: refused", async () => {
    const product = await makeProduct(OPERATOR_A);
    const user = await freshUser();
    await expect(placeOrder(testDb, cartOf([product], { address: undefined }), await ctxOf(user.id))).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["address"], message: "addressRequired" })],
    });
  });

  it("the order copies the chosen address; editing and deleting it later leave the order as it was", async () => {
    const product = await makeProduct(OPERATOR_A);
    const user = await freshUser();
    const saved = await createAddress(testDb, user.id, WORK);
    const placed = await placeOrder(testDb, cartOf([product], { address: undefined, savedAddressId: saved.id }), await ctxOf(user.id));
    const fields = { recipient: true, mobile: true, province: true, city: true, district: true, address: true } as const;
    const copied = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: fields });
    expect(copied).toEqual(WORK);
    await updateAddress(testDb, user.id, saved.id, HOME);
    expect(await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: fields })).toEqual(WORK);
    await deleteAddress(testDb, user.id, saved.id);
    expect(await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: fields })).toEqual(WORK);
  });

  it("a typed address is saved to the book when asked, once; a guest's never", async () => {
    const product = await makeProduct(OPERATOR_A);
    const user = await freshUser();
    const ctx = await ctxOf(user.id);
    await placeOrder(testDb, cartOf([product], { email: undefined, address: WORK, saveAddress: true }), ctx);
    await placeOrder(testDb, cartOf([product], { email: undefined, address: WORK, saveAddress: true }), ctx);
    const book = await addressBook(testDb, user.id);
    expect(book).toHaveLength(1);
    expect(book[0]).toMatchObject({ ...WORK, isDefault: true });
    // Not asked: not saved.
    await placeOrder(testDb, cartOf([product], { email: undefined, address: HOME }), ctx);
    expect(await addressBook(testDb, user.id)).toHaveLength(1);
    const guestCount = await testDb.savedAddress.count();
    await placeOrder(testDb, cartOf([product], { address: HOME, saveAddress: true }), { ...ctx, actor: null });
    expect(await testDb.savedAddress.count()).toBe(guestCount);
  });
});
