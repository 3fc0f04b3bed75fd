// Accounts: find users by email or name; create officer (with county), institutional buyer, admin or
// shopper accounts; change a role or an officer's county; disable and re-enable. Every change is
// audited with before and after. (Password-reset links come with the notifications work.)
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { inputClass } from "@/components/ui/styles";
import { changeRoleAction, createAccountAction, disableUserAction, enableUserAction, sendPasswordResetAction } from "@/lib/admin/actions";
import { counties, findUsers } from "@/lib/admin/queries.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin.accounts" }))("title") };
}

const ROLES = ["SHOPPER", "INSTITUTION", "MANAGER", "OFFICER", "ADMIN"] as const;

export default async function AccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ q?: string }>;
}) {
  const locale = pageLocale((await params).locale);
  const actor = (await getActor())!;
  const t = await getTranslations({ locale, namespace: "admin.accounts" });
  const q = (await searchParams).q?.trim().slice(0, 100) || undefined;
  const [users, countyRows] = await Promise.all([findUsers(q), counties()]);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const countyOptions = [{ value: "", label: t("noCounty") }, ...countyRows.map((c) => ({ value: c.id, label: localName(locale, c) }))];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" action={localizedPath(locale, "/admin/accounts")} className="flex gap-2" role="search">
        <label htmlFor="account-q" className="sr-only">
          {t("search")}
        </label>
        <input id="account-q" name="q" defaultValue={q} placeholder={t("searchHint")} className={inputClass} />
        <button type="submit" className="shrink-0 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
          {t("search")}
        </button>
      </form>
      <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <summary className="cursor-pointer font-semibold">{t("createTitle")}</summary>
        <p className="mt-2 text-sm text-stone-700">{t("createHint")}</p>
        <div className="mt-3">
          <ActionForm
            action={createAccountAction}
            idPrefix="create-account"
            testId="create-account-form"
            fields={[
              { name: "name", label: t("name"), kind: "text", required: true, maxLength: 60 },
              { name: "email", label: t("email"), kind: "email", required: true },
              {
                name: "role",
                label: t("role"),
                kind: "select",
                options: roleOptions.filter((o) => o.value !== "MANAGER"),
                defaultValue: "OFFICER",
              },
              { name: "countyId", label: t("county"), hint: t("countyHint"), kind: "select", options: countyOptions },
              { name: "password", label: t("password"), hint: t("passwordHint"), kind: "password", required: true },
            ]}
            submit={t("create")}
            success={t("created")}
          />
        </div>
      </details>
      <ul className="space-y-3" data-testid="account-list">
        {users.map((u) => (
          <li
            key={u.id}
            className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            data-testid="account"
            data-email={u.email}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-semibold">
                {u.name} <span className="font-normal text-stone-700">{u.email}</span>
              </p>
              <p className="text-sm">
                {t(`roles.${u.role}`)}
                {u.countyId
                  ? ` · ${localName(locale, countyRows.find((c) => c.id === u.countyId) ?? { nameZh: u.countyId, nameEn: u.countyId })}`
                  : ""}
                {u.disabledAt ? (
                  <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">{t("disabled")}</span>
                ) : null}
              </p>
            </div>
            {u.memberships.length ? (
              <p className="text-xs text-stone-600">
                {t("manages", { names: u.memberships.map((m) => localName(locale, m.operator)).join("、") })}
              </p>
            ) : null}
            {u.id === actor.userId ? (
              <p className="text-xs text-stone-600">{t("yourself")}</p>
            ) : (
              <div className="flex flex-wrap items-end gap-4">
                <ActionForm
                  action={changeRoleAction}
                  idPrefix={`role-${u.id}`}
                  inline
                  hidden={{ userId: u.id }}
                  fields={[
                    { name: "role", label: t("role"), kind: "select", options: roleOptions, defaultValue: u.role },
                    { name: "countyId", label: t("county"), kind: "select", options: countyOptions, defaultValue: u.countyId ?? "" },
                  ]}
                  submit={t("changeRole")}
                />
                {u.disabledAt ? (
                  <ActionForm
                    action={enableUserAction}
                    idPrefix={`enable-${u.id}`}
                    hidden={{ userId: u.id }}
                    submit={t("enable")}
                    testId="enable-form"
                  />
                ) : (
                  <>
                    <ActionForm
                      action={sendPasswordResetAction}
                      idPrefix={`reset-${u.id}`}
                      hidden={{ userId: u.id }}
                      submit={t("sendReset")}
                      success={t("resetSent")}
                      testId="reset-form"
                    />
                    <ActionForm
                      action={disableUserAction}
                      idPrefix={`disable-${u.id}`}
                      hidden={{ userId: u.id }}
                      submit={t("disable")}
                      confirm={t("disableConfirm")}
                      danger
                      testId="disable-form"
                    />
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
