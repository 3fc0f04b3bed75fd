// One application for the admin: approve (creates the operator and makes the applicant its manager),
// reject, or send back to the applicant, each with the reason the applicant sees.
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { ApplicationDetail } from "@/app/[locale]/apply/_components/ApplicationDetail";
import { LocalLink } from "@/components/ui/LocalLink";
import { approveApplicationAction, rejectApplicationAction, returnApplicationAction } from "@/lib/applications/actions";
import { applicationFor } from "@/lib/applications/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { DecisionCard } from "@/components/console/DecisionCard";

export default async function AdminApplicationPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  const actor = (await getActor())!;
  const app = await applicationFor(actor, id);
  if (!app) notFound();
  const t = await getTranslations({ locale, namespace: "apply.decide" });
  const reason = [{ name: "reason", label: t("reason"), hint: t("reasonHint"), kind: "textarea" as const, required: true, maxLength: 500 }];
  return (
    <div className="space-y-5">
      <LocalLink locale={locale} href="/admin/applications" className="text-sm text-brand-700 underline">
        {t("back")}
      </LocalLink>
      <ApplicationDetail locale={locale} app={app} />
      {app.operator ? (
        <LocalLink locale={locale} href={`/coop/${app.operator.slug}`} className="text-sm text-brand-700 underline">
          {t("openOperator")}
        </LocalLink>
      ) : null}
      {app.status === "RECOMMENDED" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <DecisionCard title={t("approveTitle")} hint={t("approveHint")}>
            <ActionForm
              action={approveApplicationAction}
              idPrefix="approve"
              hidden={{ applicationId: app.id }}
              submit={t("approve")}
              testId="approve-form"
            />
          </DecisionCard>
          <DecisionCard title={t("returnTitle")}>
            <ActionForm
              action={returnApplicationAction}
              idPrefix="return"
              hidden={{ applicationId: app.id }}
              fields={reason}
              submit={t("return")}
              testId="return-form"
            />
          </DecisionCard>
          <DecisionCard title={t("rejectTitle")}>
            <ActionForm
              action={rejectApplicationAction}
              idPrefix="reject"
              hidden={{ applicationId: app.id }}
              fields={reason}
              submit={t("reject")}
              danger
              testId="reject-form"
            />
          </DecisionCard>
        </div>
      ) : app.status === "APPLIED" ? (
        <p className="text-sm text-stone-700">{t("waitingForCounty")}</p>
      ) : null}
    </div>
  );
}
