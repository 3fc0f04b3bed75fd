// GI marks (地理标志): add a mark; authorise an operator of its county to use it, with the licence
// document as evidence and a last day of validity; revoke an authorisation.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { authoriseGiMarkAction, createGiMarkAction, revokeGiMarkAction } from "@/lib/admin/actions";
import { counties, giMarksWithAuthorisations, operatorsOfCounties } from "@/lib/admin/queries.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin.giMarks" }))("title") };
}

const KINDS = ["CERT_TRADEMARK", "AGRI_GI", "PROTECTED_PRODUCT"] as const;

export default async function GiMarksPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "admin.giMarks" });
  const [marks, countyRows, operators] = await Promise.all([giMarksWithAuthorisations(), counties(), operatorsOfCounties()]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <ul className="space-y-3" data-testid="gi-mark-list">
        {marks.map((m) => {
          const candidates = operators.filter((o) => o.countyId === m.countyId);
          return (
            <li key={m.id} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <p className="font-semibold">
                {localName(locale, m)}{" "}
                <span className="text-sm font-normal text-stone-700">
                  · {t(`kinds.${m.kind}`)} · {m.registrationNo} · {m.year}
                </span>
              </p>
              <p className="text-sm text-stone-700">
                {localText(locale, m.holderZh, m.holderEn)} · {localName(locale, m.county)}
              </p>
              <ul className="space-y-1 text-sm">
                {m.operators.map((a) => (
                  <li key={a.operator.id} className="flex flex-wrap items-center gap-2">
                    <span>{localName(locale, a.operator)}</span>
                    <span className="text-stone-600">
                      {a.validUntil ? t("until", { date: a.validUntil.toISOString().slice(0, 10) }) : t("noEnd")}
                    </span>
                    {a.evidenceUrl ? (
                      <a href={a.evidenceUrl} className="text-brand-700 underline">
                        {t("evidence")}
                      </a>
                    ) : null}
                    <ActionForm
                      action={revokeGiMarkAction}
                      idPrefix={`revoke-${m.id}-${a.operator.id}`}
                      hidden={{ giMarkId: m.id, operatorId: a.operator.id }}
                      submit={t("revoke")}
                      confirm={t("revokeConfirm")}
                      danger
                      inline
                    />
                  </li>
                ))}
              </ul>
              {candidates.length ? (
                <details>
                  <summary className="cursor-pointer text-sm text-brand-700">{t("authorise")}</summary>
                  <div className="mt-2">
                    <ActionForm
                      action={authoriseGiMarkAction}
                      idPrefix={`authorise-${m.id}`}
                      hidden={{ giMarkId: m.id }}
                      fields={[
                        {
                          name: "operatorId",
                          label: t("operator"),
                          kind: "select",
                          options: candidates.map((o) => ({ value: o.id, label: localName(locale, o) })),
                        },
                        { name: "validUntil", label: t("validUntil"), hint: t("validUntilHint"), kind: "date" },
                        { name: "evidence", label: t("evidenceFile"), kind: "file", required: true },
                      ]}
                      submit={t("authorise")}
                    />
                  </div>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      <section className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("addTitle")}</h2>
        <ActionForm
          action={createGiMarkAction}
          idPrefix="add-gi"
          fields={[
            { name: "nameZh", label: t("nameZh"), kind: "text", required: true },
            { name: "nameEn", label: t("nameEn"), kind: "text", required: true },
            { name: "kind", label: t("kind"), kind: "select", options: KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })) },
            { name: "registrationNo", label: t("registrationNo"), kind: "text", required: true },
            { name: "year", label: t("year"), kind: "number", required: true },
            { name: "holderZh", label: t("holderZh"), kind: "text", required: true },
            { name: "holderEn", label: t("holderEn"), kind: "text" },
            {
              name: "countyId",
              label: t("county"),
              kind: "select",
              options: countyRows.map((c) => ({ value: c.id, label: localName(locale, c) })),
            },
          ]}
          submit={t("add")}
        />
      </section>
    </div>
  );
}
