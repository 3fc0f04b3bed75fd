// The county office's view of buyer organisations this year (docs/DESIGN.md#rule-10): those that
// bought from the county and the partners paired with it, each with its 预留份额 progress and what it
// bought from the county; an admin sees every organisation.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProgressTable } from "@/components/organisations/ProgressTable";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { progressFor, quotaYear } from "@/lib/organisations/organisations.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "organisations.progress" }))("title") };
}

export default async function OfficeOrganisationsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  const rows = actor ? await progressFor(actor) : null;
  if (!actor || !rows) notFound();
  const t = await getTranslations({ locale, namespace: "organisations.progress" });
  const year = quotaYear();
  const officer = actor.role === "OFFICER";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{officer ? t("scopeCounty", { year }) : t("scopeAll", { year })}</p>
      <ProgressTable
        locale={locale}
        rows={rows}
        year={year}
        showFromCounty={officer}
        hrefOf={actor.role === "ADMIN" ? (id) => `/admin/organisations/${id}` : undefined}
      />
    </div>
  );
}
