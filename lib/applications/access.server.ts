import "server-only";
// Who may open an application's document (/api/files/applications/…): the applicant, the officers
// of the application's county, and admins. Only keys of a recorded document are served.
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { fileUrl } from "@/lib/storage/store.server";
import { isDocumentKey } from "./documents";

export async function mayReadApplicationDocument(actor: Actor | null, key: string): Promise<boolean> {
  if (!actor || !isDocumentKey(key)) return false;
  const doc = await db.applicationDocument.findFirst({
    where: { url: fileUrl(key) },
    select: { application: { select: { applicantId: true, countyId: true } } },
  });
  if (!doc) return false;
  return doc.application.applicantId === actor.userId || canOfficeCounty(actor, doc.application.countyId);
}
