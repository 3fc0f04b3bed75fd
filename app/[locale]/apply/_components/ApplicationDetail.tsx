// One application as the county office and the admin read it: the fields, the documents (served
// by /api/files with the access check), the history from the audit log.
import { getTranslations } from "next-intl/server";
import type { applicationFor } from "@/lib/applications/queries.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { StatusBadge } from "./StatusBadge";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Application = NonNullable<Awaited<ReturnType<typeof applicationFor>>>;

export async function ApplicationDetail({ locale, app }: { locale: Locale; app: Application }) {
  const t = await getTranslations({ locale, namespace: "apply" });
  const when = shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const rows: [string, string][] = [
    [t("form.kind"), t(`form.kinds.${app.kind}`)],
    [t("form.nameZh"), app.nameZh],
    [t("form.nameEn"), app.nameEn || "—"],
    [t("form.creditCode"), app.creditCode],
    [t("form.legalRep"), app.legalRep],
    [t("form.mobile"), app.mobile],
    [t("form.county"), localName(locale, app.county)],
    [t("form.village"), `${app.village.parent ? localName(locale, app.village.parent) + " · " : ""}${localName(locale, app.village)}`],
    [t("form.giMarks"), app.marks.map((m) => localName(locale, m)).join("、") || "—"],
    [t("form.benefitMechanism"), app.benefitMechanism],
    [t("detail.applicant"), `${app.applicant.name} <${app.applicant.email}>`],
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold">{localName(locale, app)}</h1>
        <StatusBadge status={app.status} label={t(`statuses.${app.status}`)} />
      </div>
      {app.reason ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("status.reason")}
          {app.reason}
        </p>
      ) : null}
      <dl className="divide-y divide-stone-100 rounded-xl bg-white text-sm shadow-sm ring-1 ring-stone-200">
        {rows.map(([k, v]) => (
          <div key={k} className="grid gap-1 px-4 py-2 sm:grid-cols-3">
            <dt className="text-stone-600">{k}</dt>
            <dd className="break-words sm:col-span-2">{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="docs-title" className="space-y-2">
        <h2 id="docs-title" className="text-lg font-semibold">
          {t("form.documentsTitle")}
        </h2>
        <ul className="space-y-1 text-sm" data-testid="application-documents">
          {app.documents.map((d) => (
            <li key={d.id}>
              <a href={d.url} className="text-brand-700 underline">
                {t(`documentKinds.${d.kind}`)}: {d.fileName}
              </a>{" "}
              <span className="text-stone-600">({Math.ceil(d.sizeBytes / 1024)} KB)</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-title" className="space-y-2">
        <h2 id="history-title" className="text-lg font-semibold">
          {t("detail.history")}
        </h2>
        <ol className="space-y-1 text-sm">
          {app.history.map((h) => {
            const reason = (h.detail as { reason?: string } | null)?.reason;
            return (
              <li key={h.id}>
                <span className="text-stone-600">{when.format(h.createdAt)}</span> ·{" "}
                {t.has(`history.${h.action}`) ? t(`history.${h.action}`) : h.action}
                {h.user ? ` · ${h.user.name}` : ""}
                {reason ? ` · ${reason}` : ""}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
