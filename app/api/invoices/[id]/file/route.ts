// GET /api/invoices/<id>/file?t=<order link token>: the issued invoice's PDF. For the order's buyer
// (its signed-in owner, or a guest with the order's link), the seller's managers and admins; anyone
// else (another seller, another shopper) gets 404, the same answer as for an invoice that does not exist.
import { z } from "zod";
import { notFoundResponse } from "@/lib/http/route";
import { defineRoute } from "@/lib/http/route.server";
import { readInvoicePdf } from "@/lib/invoices/files.server";
import { invoiceFileFor } from "@/lib/invoices/invoices.server";

export const GET = defineRoute({
  name: "invoice.download",
  allow: "anyone",
  query: z.object({ t: z.string().max(64).optional() }),
  handle: async ({ actor, params }, { query }) => {
    const id = typeof params.id === "string" && /^[a-z0-9]{1,40}$/u.test(params.id) ? params.id : null;
    const file = id ? await invoiceFileFor(actor, id, query.t ?? null) : null;
    const bytes = file ? await readInvoicePdf(file.key) : null;
    if (!file || !bytes) return notFoundResponse();
    const ascii = file.name.replace(/[^\x20-\x7e]/gu, "_");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-length": String(bytes.byteLength),
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cross-origin-resource-policy": "same-origin",
      },
    });
  },
});
