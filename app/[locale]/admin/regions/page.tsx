// Regions: browse the tree from the provinces; add a child with its 12-digit 行政区划代码 (checked
// for shape and parent); rename; delete only what nothing hangs on.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { LocalLink } from "@/components/ui/LocalLink";
import { addRegionAction, deleteRegionAction, renameRegionAction } from "@/lib/admin/actions";
import { regionTree } from "@/lib/admin/queries.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { childLevel, fullCode } from "@/lib/regions/code";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin.regions" }))("title") };
}

export default async function RegionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ parent?: string }>;
}) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "admin.regions" });
  const asked = (await searchParams).parent;
  const { parent, children } = await regionTree(asked && /^[0-9]{2,12}$/u.test(asked) ? asked : null);
  const level = parent ? childLevel(parent.level) : "PROVINCE";
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <nav className="text-sm" aria-label={t("path")}>
        <LocalLink locale={locale} href="/admin/regions" className="text-brand-700 underline">
          {t("top")}
        </LocalLink>
        {parent ? (
          <>
            {" › "}
            {parent.parentId ? (
              <LocalLink locale={locale} href={`/admin/regions?parent=${parent.parentId}`} className="text-brand-700 underline">
                {t("up")}
              </LocalLink>
            ) : null}
            {" › "}
            <span className="font-semibold">
              {localName(locale, parent)} <span className="font-mono text-xs">{fullCode(parent.id)}</span>
            </span>
          </>
        ) : null}
      </nav>
      <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="region-list">
        {children.map((r) => {
          const uses = Object.values(r._count).reduce((a, b) => a + b, 0);
          return (
            <li key={r.id} className="space-y-2 px-4 py-3 text-sm" data-testid="region" data-id={r.id}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                {childLevel(r.level) ? (
                  <LocalLink locale={locale} href={`/admin/regions?parent=${r.id}`} className="font-semibold text-brand-700 underline">
                    {localName(locale, r)}
                  </LocalLink>
                ) : (
                  <span className="font-semibold">{localName(locale, r)}</span>
                )}
                <span className="font-mono text-xs text-stone-600">{fullCode(r.id)}</span>
              </div>
              <details>
                <summary className="cursor-pointer text-brand-700">{t("rename")}</summary>
                <div className="mt-2 flex flex-wrap items-end gap-4">
                  <ActionForm
                    action={renameRegionAction}
                    idPrefix={`rename-${r.id}`}
                    inline
                    hidden={{ regionId: r.id }}
                    fields={[
                      { name: "nameZh", label: t("nameZh"), kind: "text", required: true, defaultValue: r.nameZh },
                      { name: "nameEn", label: t("nameEn"), kind: "text", required: true, defaultValue: r.nameEn },
                    ]}
                    submit={t("save")}
                  />
                  {uses === 0 ? (
                    <ActionForm
                      action={deleteRegionAction}
                      idPrefix={`delete-${r.id}`}
                      hidden={{ regionId: r.id }}
                      submit={t("delete")}
                      confirm={t("deleteConfirm")}
                      danger
                    />
                  ) : (
                    <p className="text-xs text-stone-600">{t("inUse")}</p>
                  )}
                </div>
              </details>
            </li>
          );
        })}
      </ul>
      {level ? (
        <section className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("addTitle", { level: t(`levels.${level}`) })}</h2>
          <ActionForm
            action={addRegionAction}
            idPrefix="add-region"
            testId="add-region-form"
            hidden={{ parentId: parent?.id ?? "" }}
            fields={[
              {
                name: "code",
                label: t("code"),
                hint: t("codeHint", { example: parent ? fullCode(parent.id) : "620000000000" }),
                kind: "text",
                required: true,
                maxLength: 12,
              },
              { name: "nameZh", label: t("nameZh"), kind: "text", required: true },
              { name: "nameEn", label: t("nameEn"), kind: "text", required: true },
            ]}
            submit={t("add")}
          />
        </section>
      ) : null}
    </div>
  );
}
