// 对公转账: paying by bank transfer, the way budget units and trade unions pay. A provider like the
// others (./provider.ts), with no one to call: the "session" is the order page, which shows the
// platform's receiving account and the order's reference (附言); the stock is held for three working
// days (./transfer-window.ts); an admin who sees the money arrive marks it received, and that goes
// through the one "paid" path, lib/orders/fulfilment.ts confirmPayment (docs/DESIGN.md#rule-4), with
// the event id transfer:<orderId>:received, so a second mark (or two admins at once) does nothing.
// An unpaid transfer is released by the sweeper when its window ends, like an expired session.
//
// Who may pay this way: members of a buyer organisation (and admins). A person buying for
// themselves pays online: a transfer holds the stock for days and needs a person to match it.
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { orderAccessToken } from "@/lib/orders/access";
import type { PaymentProvider } from "./provider";

export const transferSessionId = (orderId: string) => `transfer_${orderId}`;
export const transferEventId = (orderId: string) => `transfer:${orderId}:received`;

export interface TransferAccount {
  accountName: string;
  bank: string;
  accountNo: string;
  /** No account is configured: these are the demo's, and the page says not to pay into them. */
  demo: boolean;
}

const DEMO_ACCOUNT = {
  accountName: "小康集市平台运营有限公司（演示）",
  bank: "演示银行兰州分行",
  accountNo: "6200 0000 0000 0000 000",
};

/** The receiving account, or null when paying by transfer is off (production without an account). */
export function transferAccount(source?: Record<string, string | undefined>): TransferAccount | null {
  const e = env(source);
  if (e.TRANSFER_ACCOUNT_NAME && e.TRANSFER_BANK && e.TRANSFER_ACCOUNT_NO) {
    return { accountName: e.TRANSFER_ACCOUNT_NAME, bank: e.TRANSFER_BANK, accountNo: e.TRANSFER_ACCOUNT_NO, demo: false };
  }
  if (e.NODE_ENV === "production" && e.DEMO_PAYMENTS !== "1") return null;
  return { ...DEMO_ACCOUNT, demo: true };
}

export const transferProvider: PaymentProvider = {
  name: "transfer",
  async createSession(request) {
    const prefix = request.locale === "en" ? "/en" : "";
    const url = `${prefix}/orders/${encodeURIComponent(request.orderNumber)}?t=${orderAccessToken(request.orderId)}`;
    return { id: transferSessionId(request.orderId), url, expiresAt: request.expiresAt };
  },
  // The order row is the only record: an admin's mark decides, through confirmPayment.
  async retrieveSession() {
    return { status: "open", paid: false, paymentIntentId: null };
  },
  async expireSession() {
    return { status: "expired", paid: false, paymentIntentId: null };
  },
  // The money goes back by bank transfer from the platform's account, done by its finance staff
  // from the refund's record (amount, order, reason); the refund's ledger rows are written at once.
  async refund({ idempotencyKey }) {
    return { id: `transfer_re_${idempotencyKey.replace(/^refund:/, "")}`, status: "succeeded" };
  },
};

/** May this buyer pay by transfer: a member of an active buyer organisation, or an admin. */
export async function mayPayByTransfer(db: Db, actor: Actor | null): Promise<boolean> {
  if (!actor || transferAccount() === null) return false;
  if (actor.role === "ADMIN") return true;
  const member = await db.organisationMember.findFirst({
    where: { userId: actor.userId, organisation: { disabledAt: null } },
    select: { organisationId: true },
  });
  return member !== null;
}
