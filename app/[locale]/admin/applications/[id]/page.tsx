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
          <section className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-stone-200">
            <h2 className="font-semibold">{t("approveTitle")}</h2>
            <p className="text-sm text-stone-700">{t("approveHint")}</p>
            <ActionForm
              action={approveApplicationAction}
              idPrefix="approve"
              hidden={{ applicationId: app.id }}
              submit={t("approve")}
              testId="approve-form"
            />
          </section>
          <section className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-stone-200">
            <h2 className="font-semibold">{t("returnTitle")}</h2>
            <ActionForm
              action={returnApplicationAction}
              idPrefix="return"
              hidden={{ applicationId: app.id }}
              fields={reason}
              submit={t("return")}
              testId="return-form"
            />
          </section>
          <section className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-stone-200">
            <h2 className="font-semibold">{t("rejectTitle")}</h2>
            <ActionForm
              action={rejectApplicationAction}
              idPrefix="reject"
              hidden={{ applicationId: app.id }}
              fields={reason}
              submit={t("reject")}
              danger
              testId="reject-form"
            />
          </section>
        </div>
      ) : app.status === "APPLIED" ? (
        <p className="text-sm text-stone-700">{t("waitingForCounty")}</p>
      ) : null}
    </div>
  );
}
