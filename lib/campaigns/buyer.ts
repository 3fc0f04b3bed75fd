// Who a buyer is, for the per-buyer limit of a campaign (rule 8). A buyer is known by each of
// these keys, and a campaign's limit holds for every one of them: the account (u:<userId>) or, for
// a guest, the e-mail (e:<email>); and always the delivery address (a:<hash of mobile + district +
// street>), so ten e-mail addresses to one door still count as one buyer.
import { createHash } from "node:crypto";

export interface BuyerIdentity {
  userId: string | null;
  email: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

/** The street address as a key: no spaces or punctuation, full-width digits and letters folded. */
export function normaliseStreet(street: string): string {
  return street
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s,，.。、\-—_#号()（）]/g, "");
}

export function buyerKeys(b: BuyerIdentity): string[] {
  const who = b.userId ? `u:${b.userId}` : `e:${b.email.trim().toLowerCase()}`;
  const place = createHash("sha256")
    .update([b.mobile, b.province, b.city, b.district, normaliseStreet(b.address)].join("|"))
    .digest("base64url")
    .slice(0, 22);
  return [who, `a:${place}`];
}
