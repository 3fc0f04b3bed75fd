// 开店申请 / Apply to sell: the 832 platform's path (主体自愿申请 → 县级推荐 → 平台审核) explained,
// then the form. Someone not signed in creates their account with it; staff accounts cannot apply.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplyForm } from "@/app/[locale]/apply/_components/ApplyForm";
import { LocalLink } from "@/components/ui/LocalLink";
import { submitApplicationAction } from "@/lib/applications/actions";
import { applicationPlaces } from "@/lib/applications/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { placesFor } from "./places";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "apply" });
  return { title: t("title") };
}

export default async function ApplyPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "apply" });
  const actor = await getActor();
  const places = placesFor(locale, await applicationPlaces());
  const staff = actor && (actor.role === "OFFICER" || actor.role === "ADMIN");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <ol className="grid gap-2 text-sm sm:grid-cols-3" aria-label={t("stepsLabel")}>
        {(["apply", "recommend", "approve"] as const).map((s, i) => (
          <li key={s} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
            <span className="font-semibold text-brand-700">{i + 1}. </span>
            {t(`steps.${s}`)}
          </li>
        ))}
      </ol>
      {actor ? (
        <p className="text-sm">
          <LocalLink locale={locale} href="/apply/status" className="text-brand-700 underline">
            {t("myApplications")}
          </LocalLink>
        </p>
      ) : (
        <p className="text-sm text-stone-700">
          {t("haveAccount")}{" "}
          <LocalLink locale={locale} href="/signin?callbackUrl=%2Fapply" className="text-brand-700 underline">
            {t("signIn")}
          </LocalLink>
        </p>
      )}
      {staff ? (
        <p className="rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">{t("staffCannotApply")}</p>
      ) : (
        <ApplyForm action={submitApplicationAction} places={places} needsAccount={!actor} />
      )}
    </>
  );
}
