// The audit log of the officer's own county's objects (an admin sees every row here too).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditViewer } from "@/app/[locale]/admin/_components/AuditViewer";
import { auditView } from "@/lib/admin/audit.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin.audit" }))("title") };
}

export default async function OfficeAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = pageLocale((await params).locale);
  const actor = (await getActor())!;
  const { filters, result } = await auditView(actor, await searchParams);
  return <AuditViewer locale={locale} base="/office/audit" filters={filters} result={result} />;
}
