// The campaign area's façade for pages and routes.
import "server-only";
import { unstable_cache } from "next/cache";
import QRCode from "qrcode";
import { db } from "@/lib/db/db.server";
import { isOrderAccessToken } from "@/lib/orders/access";
import { paymentQueueStatus, requestPaymentSession, type QueueStatus } from "@/lib/payments/session-queue";
import { env } from "@/lib/env/env";
import { adminCampaigns, campaignProductChoices, operatorCampaign, operatorCampaigns } from "./console";
import { publicCampaign } from "./public";

/** The public page's campaign, cached for 30 s (the page is the same for every viewer). */
export const getPublicCampaign = unstable_cache((slug: string) => publicCampaign(db, slug), ["publicCampaign"], {
  revalidate: 30,
  tags: ["campaigns"],
});

/** The campaign link as an SVG QR code, to show on the stream. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#1c1917", light: "#ffffff" } });
}

/** "去支付" of a livestream order, by whoever holds its link (the order's access token). */
export async function payThroughQueue(
  input: { orderId: string; token: string; locale: "zh-CN" | "en"; origin: string },
  enqueue: boolean,
): Promise<QueueStatus | null> {
  if (!isOrderAccessToken(input.orderId, input.token)) return null;
  return enqueue
    ? requestPaymentSession(db, input.orderId, { locale: input.locale, origin: input.origin })
    : paymentQueueStatus(db, input.orderId);
}

/** The console's reads, bound to the database (pages check the operator's scope first). */
export const consoleCampaigns = (operatorId: string) => operatorCampaigns(db, operatorId);
export const consoleCampaign = (operatorId: string, campaignId: string) => operatorCampaign(db, operatorId, campaignId);
export const consoleProductChoices = (operatorId: string) => campaignProductChoices(db, operatorId);
export const campaignsForAdmin = () => adminCampaigns(db);

/** The public link of a campaign for the site's address, in the reader's language. */
export function campaignLink(slug: string, locale: "zh-CN" | "en"): string {
  const site = env().NEXTAUTH_URL ?? "http://localhost:3000";
  return `${new URL(site).origin}${locale === "en" ? "/en" : ""}/live/${slug}`;
}
