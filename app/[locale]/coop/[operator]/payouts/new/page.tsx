// Declare a payout: to a household linked with this operator, with the proof of payment.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { shanghaiToday } from "@/lib/time/shanghai";
import { householdsLinkedTo } from "@/lib/benefits/benefits.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { PayoutForm } from "./PayoutForm";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "benefits.payoutForm" });
  return { title: t("title") };
}

export default async function NewPayoutPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "benefits.payoutForm" });
  const households = await householdsLinkedTo(operator.id);
  const wanted = (await searchParams).household;

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocalLink locale={locale} href={`/coop/${operator.slug}/payouts`} className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </LocalLink>
      </div>
      <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        {households.length === 0 ? (
          <p className="text-sm text-stone-700">
            {t("noLinkedHouseholds")}{" "}
            <LocalLink locale={locale} href={`/coop/${operator.slug}/links/new`} className="font-medium text-brand-700 underline">
              {t("createLink")}
            </LocalLink>
          </p>
        ) : (
          <PayoutForm
            operatorId={operator.id}
            today={shanghaiToday()}
            doneHref={localizedPath(locale, `/coop/${operator.slug}/payouts?created=1`)}
            initialHouseholdId={typeof wanted === "string" && households.some((h) => h.id === wanted) ? wanted : undefined}
            households={households.map((h) => ({ id: h.id, label: `${h.registryCode} · ${localName(locale, h.village)}` }))}
          />
        )}
      </section>
    </div>
  );
}
