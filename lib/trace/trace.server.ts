import "server-only";
// The trace area's façade: the public page's data (cached: the same for every visitor, and a QR is
// scanned far more often than a shipment's benefit changes), the scan counter, the packing slip.
import { unstable_cache } from "next/cache";
import QRCode from "qrcode";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { siteLink } from "@/lib/notifications/config";
import { tracePath } from "./code";
import { countScan, packingSlip, tracePage } from "./trace";
import { shareCard, shareTokenFor } from "./share";

/** Tag of the cached trace pages: a refund (which changes a shipment's benefit) may call revalidateTag on it. */
export const TRACE_TAG = "trace";

/** The public page of a code, cached for 5 minutes (null is cached too: a bad code costs one query per 5 min). */
export const getTracePage = unstable_cache((code: string) => tracePage(db, code), ["tracePage"], { revalidate: 300, tags: [TRACE_TAG] });

/** One scan of a code's page: a single UPDATE, run after the answer is sent (see the page). */
export const recordScan = (code: string) => countScan(db, code);

export const packingSlipOf = (actor: Actor | null, shipmentId: string) => packingSlip(db, actor, shipmentId);

/** The absolute address a code's QR opens (the site's public address, Chinese first). */
export const traceUrl = (code: string) => siteLink(tracePath(code), "zh-CN");

/** The QR code of a trace address as a PNG data URL (printable, and readable by a test's decoder). */
export function qrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, scale: 6, color: { dark: "#000000", light: "#ffffff" } });
}

/** A share card's data, cached for 5 minutes (a refund changes it rarely). */
export const getShareCard = unstable_cache((token: string) => shareCard(db, token), ["shareCard"], { revalidate: 300, tags: [TRACE_TAG] });
export const shareTokenOf = (userId: string, orderNumber: string) => shareTokenFor(db, userId, orderNumber);
