// Serves stored files (lib/storage) by key: /api/files/<prefix>/<...>. Each top-level prefix has
// an access policy below; a key under a prefix with no policy answers 404, exactly like a key
// that does not exist, so nothing about other files is revealed.
//
// Product photos are public and immutable (a new photo gets a new random key), so they are cached
// for a year. Private files (payout proofs under payouts/) have a policy that checks the caller.
import type { Actor } from "@/lib/auth/actor";
import { EVIDENCE_KEY } from "@/lib/admin/evidence";
import { mayReadApplicationDocument } from "@/lib/applications/access.server";
import { mayReadPhoto as mayReadAfterSalePhoto } from "@/lib/after-sales/after-sales.server";
import { mayReadPayoutProof } from "@/lib/benefits/proof-access.server";
import { defineRoute } from "@/lib/http/route.server";
import { notFoundResponse as notFound } from "@/lib/http/route";
import { getFileStore, isValidKey } from "@/lib/storage";
import { isVisibleReviewPhoto } from "@/lib/reviews/reviews.server";

interface AccessPolicy {
  /** May the caller read this key? Public prefixes answer true without looking at the caller. */
  access: (key: string, actor: Actor | null) => Promise<boolean>;
  cacheControl: string;
}

const POLICIES: Record<string, AccessPolicy> = {
  products: { access: async () => true, cacheControl: "public, max-age=31536000, immutable" },
  // Review photos: public while their review is visible (an admin's hiding takes them down too).
  reviews: { access: async (key) => isVisibleReviewPhoto(key), cacheControl: "public, max-age=600" },
  // Payout proofs: the payout's operator's managers, its county's officers, admins (lib/benefits/proof-access.server.ts).
  payouts: { access: async (key, actor) => mayReadPayoutProof(actor, key), cacheControl: "private, no-store" },
  // Application documents: the applicant, the county's officers, admins (lib/applications/access.server.ts).
  applications: { access: async (key, actor) => mayReadApplicationDocument(actor, key), cacheControl: "private, no-store" },
  // After-sales photos: the request's buyer (signed in), its seller's managers, admins (lib/after-sales/queries.ts).
  aftersales: { access: async (key, actor) => mayReadAfterSalePhoto(actor, `/api/files/${key}`), cacheControl: "private, no-store" },
  // GI-mark authorisation evidence: admins only.
  gimarks: { access: async (key, actor) => EVIDENCE_KEY.test(key) && actor?.role === "ADMIN", cacheControl: "private, no-store" },
};

export const GET = defineRoute({
  name: "files.get",
  allow: "anyone",
  handle: ({ actor, params }) => serveFile(actor, params.key),
});

async function serveFile(actor: Actor | null, keyParam: string | string[] | undefined) {
  const segments = Array.isArray(keyParam) ? keyParam : [];
  const key = segments.join("/");
  if (!isValidKey(key)) return notFound();
  const policy = Object.hasOwn(POLICIES, segments[0]!) ? POLICIES[segments[0]!] : undefined;
  if (!policy || !(await policy.access(key, actor))) return notFound();
  const file = await getFileStore().get(key);
  if (!file) return notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "cache-control": policy.cacheControl,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      // The sandbox policy keeps the browser's PDF viewer out, so a PDF proof is downloaded instead.
      ...(file.contentType === "application/pdf" ? { "content-disposition": `attachment; filename="${segments.at(-1)}"` } : {}),
    },
  });
}

export async function HEAD(request: Request, context: { params: Promise<Record<string, string | string[]>> }) {
  const response = await GET(request, context);
  return new Response(null, { status: response.status, headers: response.headers });
}
