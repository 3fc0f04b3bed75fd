// Operators: list, suspend (its products leave the storefront at once; open orders can still be
// shipped and refunded), reinstate, correct the registered details (credit-code changes audited).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { LocalLink } from "@/components/ui/LocalLink";
import { reinstateOperatorAction, suspendOperatorAction, updateOperatorAction } from "@/lib/admin/actions";
import { operatorsList } from "@/lib/admin/queries.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin.operators" }))("title") };
}

const KINDS = ["COOPERATIVE", "ENTERPRISE", "WORKSHOP", "FAMILY_FARM"] as const;

export default async function OperatorsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "admin.operators" });
  const k = await getTranslations({ locale, namespace: "apply.form" });
  const ops = await operatorsList();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <ul className="space-y-3" data-testid="operator-list">
        {ops.map((o) => (
          <li
            key={o.id}
            className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            data-testid="admin-operator"
            data-slug={o.slug}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <LocalLink locale={locale} href={`/coop/${o.slug}`} className="font-semibold text-brand-700 underline">
                {localName(locale, o)}
              </LocalLink>
              <p className="text-sm">
                {localName(locale, o.county)} · {t("listed", { count: o._count.products })}
                {o.suspendedAt ? (
                  <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">{t("suspended")}</span>
                ) : null}
              </p>
            </div>
            <p className="font-mono text-xs text-stone-600">{o.creditCode}</p>
            <div className="flex flex-wrap gap-4">
              {o.suspendedAt ? (
                <ActionForm
                  action={reinstateOperatorAction}
                  idPrefix={`reinstate-${o.id}`}
                  hidden={{ operatorId: o.id }}
                  submit={t("reinstate")}
                  testId="reinstate-form"
                />
              ) : (
                <ActionForm
                  action={suspendOperatorAction}
                  idPrefix={`suspend-${o.id}`}
                  inline
                  hidden={{ operatorId: o.id }}
                  fields={[{ name: "reason", label: t("reason"), kind: "text", required: true, maxLength: 500 }]}
                  submit={t("suspend")}
                  confirm={t("suspendConfirm")}
                  danger
                  testId="suspend-form"
                />
              )}
            </div>
            <details>
              <summary className="cursor-pointer text-sm text-brand-700">{t("edit")}</summary>
              <div className="mt-2">
                <ActionForm
                  action={updateOperatorAction}
                  idPrefix={`edit-${o.id}`}
                  hidden={{ operatorId: o.id }}
                  fields={[
                    { name: "nameZh", label: k("nameZh"), kind: "text", required: true, defaultValue: o.nameZh },
                    { name: "nameEn", label: k("nameEn"), kind: "text", required: true, defaultValue: o.nameEn },
                    {
                      name: "kind",
                      label: k("kind"),
                      kind: "select",
                      options: KINDS.map((x) => ({ value: x, label: k(`kinds.${x}`) })),
                      defaultValue: o.kind,
                    },
                    { name: "creditCode", label: k("creditCode"), kind: "text", required: true, defaultValue: o.creditCode },
                    { name: "legalRep", label: k("legalRep"), kind: "text", defaultValue: o.legalRep },
                    { name: "mobile", label: k("mobile"), kind: "tel", defaultValue: o.mobile },
                  ]}
                  submit={t("save")}
                  success={t("saved")}
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
