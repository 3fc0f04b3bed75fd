import type { Place } from "@/app/[locale]/apply/_components/ApplyForm";
import type { applicationPlaces } from "@/lib/applications/queries.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";

/** The form's county → township → village choices in the reader's language. */
export function placesFor(locale: Locale, rows: Awaited<ReturnType<typeof applicationPlaces>>): Place[] {
  return rows.map((c) => ({
    id: c.id,
    name: localName(locale, c),
    giMarks: c.giMarks.map((m) => ({ id: m.id, name: localName(locale, m) })),
    townships: c.children
      .filter((t) => t.children.length > 0)
      .map((t) => ({ id: t.id, name: localName(locale, t), villages: t.children.map((v) => ({ id: v.id, name: localName(locale, v) })) })),
  }));
}
