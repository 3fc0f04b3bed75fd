// /office/households/import: importing the county's household roster from a spreadsheet (XLSX or
// CSV). Upload → preview (problems per row, new / updated / unchanged counts) → confirm (all rows
// or none). An officer imports into their own county; an admin chooses the county.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { MAX_IMPORT_MB } from "@/lib/households/import-limits";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { officeCounties } from "@/lib/certification/queue.server";
import { confirmHouseholdImportAction, previewHouseholdImportAction } from "@/lib/households/import-actions";
import { cardClass } from "@/components/console/styles";
import { ImportForm } from "./ImportForm";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "registry.import" });
  return { title: t("title") };
}

export default async function ImportPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor || (actor.role !== "OFFICER" && actor.role !== "ADMIN")) notFound();
  const [t, counties, all] = await Promise.all([
    getTranslations({ locale, namespace: "registry.import" }),
    officeCounties(actor),
    getMessages({ locale }),
  ]);
  const messages = { registry: all.registry, errors: all.errors };

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <LocalLink locale={locale} href="/office/households" className="text-brand-800 underline">
          ← {t("back")}
        </LocalLink>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-stone-700">{t("intro")}</p>
      </header>
      <details className="rounded-xl bg-white px-4 py-3 text-sm text-stone-700 ring-1 ring-stone-200">
        <summary className="cursor-pointer font-medium text-stone-900">{t("help")}</summary>
        <p className="mt-2">{t("headersHelp")}</p>
        <p className="mt-2">{t("updatesHelp")}</p>
      </details>
      <section className={cardClass}>
        <NextIntlClientProvider locale={locale} messages={messages}>
          <ImportForm
            preview={previewHouseholdImportAction}
            confirm={confirmHouseholdImportAction}
            counties={counties.map((c) => ({ id: c.id, name: localName(locale, c) }))}
            fixedCounty={actor.role === "OFFICER" ? (actor.countyId ?? "") : null}
            maxMb={MAX_IMPORT_MB}
          />
        </NextIntlClientProvider>
      </section>
    </div>
  );
}
