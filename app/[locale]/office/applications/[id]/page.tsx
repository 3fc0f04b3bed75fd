// One application for the county office: recommend it to the platform, or return it with a reason
// the applicant sees. Another county's application is the 404 page.
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { ApplicationDetail } from "@/app/[locale]/apply/_components/ApplicationDetail";
import { LocalLink } from "@/components/ui/LocalLink";
import { recommendApplicationAction, returnApplicationAction } from "@/lib/applications/actions";
import { applicationFor } from "@/lib/applications/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { DecisionCard } from "@/components/console/DecisionCard";

export default async function OfficeApplicationPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  const actor = (await getActor())!;
  const app = await applicationFor(actor, id);
  if (!app || app.applicantId === actor.userId) notFound();
  const t = await getTranslations({ locale, namespace: "apply.decide" });
  return (
    <div className="space-y-5">
      <LocalLink locale={locale} href="/office/applications" className="text-sm text-brand-700 underline">
        {t("back")}
      </LocalLink>
      <ApplicationDetail locale={locale} app={app} />
      {app.status === "APPLIED" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <DecisionCard title={t("recommendTitle")} hint={t("recommendHint")}>
            <ActionForm
              action={recommendApplicationAction}
              idPrefix="recommend"
              hidden={{ applicationId: app.id }}
              submit={t("recommend")}
              testId="recommend-form"
            />
          </DecisionCard>
          <DecisionCard title={t("returnTitle")}>
            <ActionForm
              action={returnApplicationAction}
              idPrefix="return"
              hidden={{ applicationId: app.id }}
              fields={[{ name: "reason", label: t("reason"), hint: t("reasonHint"), kind: "textarea", required: true, maxLength: 500 }]}
              submit={t("return")}
              danger
              testId="return-form"
            />
          </DecisionCard>
        </div>
      ) : null}
    </div>
  );
}
