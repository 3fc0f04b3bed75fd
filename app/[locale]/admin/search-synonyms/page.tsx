// /admin/search-synonyms: the synonym table of product search (lib/search). Admins only: signed
// out → sign in; anyone else → 404. A minimal page; the admin console links here.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { redirectToSignIn } from "@/components/console/sign-in";
import { SynonymRow, type SynonymLabels } from "./SynonymForms";
import { getActor } from "@/lib/auth/session.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { deleteSynonymGroup, saveSynonymGroup } from "@/lib/search/actions";
import { synonymGroups } from "@/lib/search/admin.server";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "search.synonyms" });
  return { title: t("title"), robots: { index: false } };
}

export default async function SearchSynonymsPage({ params }: Props) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/admin/search-synonyms");
  if (actor.role !== "ADMIN") notFound();
  const t = await getTranslations({ locale, namespace: "search.synonyms" });
  const e = await getTranslations({ locale, namespace: "errors" });
  const labels: SynonymLabels = {
    words: t("words"),
    save: t("save"),
    delete: t("delete"),
    add: t("add"),
    saved: t("saved"),
    deleted: t("deleted"),
    errors: Object.fromEntries(["synonymsTooFew", "invalidInput", "notFound", "unexpected", "network", "forbidden"].map((k) => [k, e(k)])),
  };
  const groups = await synonymGroups();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      {groups.length ? null : <p className="text-sm text-stone-600">{t("empty")}</p>}
      <ul className="space-y-3">
        {groups.map((g) => (
          <SynonymRow key={g.id} group={g} save={saveSynonymGroup} remove={deleteSynonymGroup} labels={labels} />
        ))}
        <SynonymRow key={`new-${groups.length}`} group={null} save={saveSynonymGroup} remove={deleteSynonymGroup} labels={labels} />
      </ul>
    </div>
  );
}
