// The applicant's applications: where each stands, the reason when it was returned or rejected,
// the correction form of a returned one, and the console link once approved. (Until notifications
// land, this page is how the applicant is told.)
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { ApplyForm } from "@/app/[locale]/apply/_components/ApplyForm";
import { StatusBadge } from "@/app/[locale]/apply/_components/StatusBadge";
import { LocalLink } from "@/components/ui/LocalLink";
import { resubmitApplicationAction } from "@/lib/applications/actions";
import { applicationFor, applicationPlaces, myApplications } from "@/lib/applications/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { placesFor } from "../places";
import { shanghaiFormat } from "@/lib/time/shanghai";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "apply.status" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ApplicationStatusPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent("/apply/status")}`);
  const t = await getTranslations({ locale, namespace: "apply" });
  const apps = await myApplications(actor.userId);
  const returned = apps.find((a) => a.status === "RETURNED");
  const full = returned ? await applicationFor(actor, returned.id) : null;
  const places = full ? placesFor(locale, await applicationPlaces()) : [];
  const day = shanghaiFormat(locale, { dateStyle: "medium" });

  return (
    <>
      <h1 className="text-2xl font-bold">{t("status.title")}</h1>
      {apps.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">
          {t("status.none")}{" "}
          <LocalLink locale={locale} href="/apply" className="text-brand-700 underline">
            {t("title")}
          </LocalLink>
        </p>
      ) : (
        <ul className="space-y-3" data-testid="my-applications">
          {apps.map((a) => (
            <li key={a.id} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="my-application">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold">{localName(locale, a)}</p>
                <StatusBadge status={a.status} label={t(`statuses.${a.status}`)} />
              </div>
              <p className="text-sm text-stone-700">
                {localName(locale, a.county)} · {localName(locale, a.village)} · <span className="font-mono">{a.creditCode}</span>
              </p>
              <p className="text-sm text-stone-700">{t(`status.explain.${a.status}`)}</p>
              {a.reason ? (
                <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="application-reason">
                  {t("status.reason")}
                  {a.reason}
                </p>
              ) : null}
              <p className="text-xs text-stone-600">{t("status.updated", { date: day.format(a.updatedAt) })}</p>
              {a.operator ? (
                <LocalLink
                  locale={locale}
                  href={`/coop/${a.operator.slug}`}
                  className="inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white"
                >
                  {t("status.openConsole")}
                </LocalLink>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <section aria-labelledby="correct-title" className="space-y-3">
          <h2 id="correct-title" className="text-lg font-semibold">
            {t("status.correctTitle")}
          </h2>
          <ApplyForm
            action={resubmitApplicationAction}
            places={places}
            needsAccount={false}
            defaults={{
              applicationId: full.id,
              kind: full.kind,
              nameZh: full.nameZh,
              nameEn: full.nameEn,
              creditCode: full.creditCode,
              legalRep: full.legalRep,
              mobile: full.mobile,
              countyId: full.countyId,
              villageId: full.villageId,
              giMarkIds: full.giMarkIds,
              benefitMechanism: full.benefitMechanism,
            }}
          />
        </section>
      ) : null}
    </>
  );
}
