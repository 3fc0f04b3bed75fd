// The county office's application queue (开店申请): its own county only (an admin: every county).
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
  const t = await getTranslations({ locale, namespace: "apply.queue" });
  return { title: t("title") };
}

export default async function OfficeApplicationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ status?: string }>;
}) {
  const locale = pageLocale((await params).locale);
  const actor = (await getActor())!; // the office layout let only officers and admins in
  const { status } = await searchParams;
  const chosen =
    status === "all"
      ? undefined
      : status === "RECOMMENDED" || status === "RETURNED" || status === "APPROVED" || status === "REJECTED"
        ? status
        : "APPLIED";
  const rows = await applicationQueue(actor, chosen);
  return <ApplicationList locale={locale} rows={rows} base="/office/applications" status={status ?? "APPLIED"} />;
}
