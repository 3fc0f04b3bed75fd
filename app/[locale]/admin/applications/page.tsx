// The platform's application queue: every county; recommended ones wait for the admin.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplicationList } from "@/app/[locale]/apply/_components/ApplicationList";
import { applicationQueue } from "@/lib/applications/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "apply.queue" }))("title") };
}

const STATUSES = ["APPLIED", "RECOMMENDED", "RETURNED", "APPROVED", "REJECTED"] as const;

export default async function AdminApplicationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ status?: string }>;
}) {
  const locale = pageLocale((await params).locale);
  const actor = (await getActor())!;
  const { status = "RECOMMENDED" } = await searchParams;
  const chosen = (STATUSES as readonly string[]).includes(status) ? (status as (typeof STATUSES)[number]) : undefined;
  const rows = await applicationQueue(actor, chosen);
  return <ApplicationList locale={locale} rows={rows} base="/admin/applications" status={chosen ?? "all"} />;
}
