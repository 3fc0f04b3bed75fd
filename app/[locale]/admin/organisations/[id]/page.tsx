// One buyer organisation in the admin console: edit its details, add a manager, disable or
// re-enable it; its members, quota and orders are on its own page (/org/<id>), which the admin may open.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { AddManagerForm, OrganisationForm } from "@/app/[locale]/admin/_components/OrganisationForm";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import {
  addOrganisationManagerAction,
  disableOrganisationAction,
  enableOrganisationAction,
  updateOrganisationAction,
} from "@/lib/organisations/admin-actions";
import { adminOrganisationChoices, adminOrganisationForEdit } from "@/lib/organisations/organisations.server";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "organisations.admin" }))("editTitle") };
}

export default async function AdminOrganisationPage({ params }: Props) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  if (id.length > 64) notFound();
  const [org, choices] = await Promise.all([adminOrganisationForEdit(id), adminOrganisationChoices()]);
  if (!org) notFound();
  const t = await getTranslations({ locale, namespace: "organisations" });
  const option = (r: { id: string; nameZh: string; nameEn: string }) => ({ value: r.id, label: `${localName(locale, r)} (${r.id})` });
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <LocalLink locale={locale} href="/admin/organisations" className="text-sm text-brand-800 underline">
          ← {t("admin.title")}
        </LocalLink>
        <h1 className="text-2xl font-bold break-words">{localName(locale, org)}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge>{t(`kinds.${org.kind}`)}</Badge>
          {org.disabledAt ? <Badge tone="warn">{t("page.disabled")}</Badge> : null}
          <LocalLink locale={locale} href={`/org/${org.id}`} className="font-semibold text-brand-800 underline">
            {t("admin.openPage")}
          </LocalLink>
        </p>
      </div>
      <section aria-labelledby="edit-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="edit-title" className="text-lg font-semibold">
          {t("admin.editTitle")}
        </h2>
        <OrganisationForm
          mode="edit"
          action={updateOrganisationAction}
          regions={choices.regions.map(option)}
          counties={choices.counties.map((c) => ({ value: c.id, label: localName(locale, c) }))}
          units={choices.units.map((u) => ({ value: u.id, label: localName(locale, u) }))}
          initial={{
            organisationId: org.id,
            kind: org.kind,
            nameZh: org.nameZh,
            nameEn: org.nameEn,
            creditCode: org.creditCode,
            regionId: org.regionId,
            hasCanteen: org.hasCanteen,
            parentUnitId: org.parentUnitId ?? "",
            pairedCountyIds: org.pairings.map((p) => p.countyId),
          }}
        />
      </section>
      <section aria-labelledby="manager-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="manager-title" className="text-lg font-semibold">
          {t("admin.addManagerTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("admin.addManagerHint")}</p>
        <AddManagerForm action={addOrganisationManagerAction} organisationId={org.id} />
      </section>
      <section aria-labelledby="status-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="status-title" className="text-lg font-semibold">
          {t("admin.statusTitle")}
        </h2>
        <p className="text-sm text-stone-700">{org.disabledAt ? t("admin.disabledHint") : t("admin.disableHint")}</p>
        {org.disabledAt ? (
          <ActionForm action={enableOrganisationAction} idPrefix="enable" hidden={{ organisationId: org.id }} submit={t("admin.enable")} />
        ) : (
          <ActionForm
            action={disableOrganisationAction}
            idPrefix="disable"
            hidden={{ organisationId: org.id }}
            submit={t("admin.disable")}
            confirm={t("admin.disableConfirm")}
            danger
          />
        )}
      </section>
    </div>
  );
}
