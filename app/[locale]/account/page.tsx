// The signed-in user's own page: who they are, what they manage, password, sign-out.
// Reads the session, so it is rendered for each request and never cached.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { pickMessages } from "@/components/auth/messages";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { EndOtherSessionsButton } from "@/components/auth/EndOtherSessionsButton";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { managedOperatorsOf } from "@/lib/operators/operators.server";
import { regionNames } from "@/lib/regions/regions.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "auth.account" });
  return { title: t("title"), robots: { index: false } };
}

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const buttonLink = "inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800";

export default async function AccountPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);

  const actor = await getActor();
  if (!actor) {
    redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent(localizedPath(locale, "/account"))}`);
  }

  const [t, s, a, tn, ta, messages, memberships, county] = await Promise.all([
    getTranslations({ locale, namespace: "auth.account" }),
    getTranslations({ locale, namespace: "security.sessions" }),
    getTranslations({ locale, namespace: "security.admin" }),
    getTranslations({ locale, namespace: "notifications" }),
    getTranslations({ locale, namespace: "addresses" }),
    getMessages({ locale }),
    managedOperatorsOf(actor.userId),
    actor.countyId ? regionNames(actor.countyId) : null,
  ]);

  const manages = actor.role === "MANAGER" || actor.role === "ADMIN";
  const offices = actor.role === "OFFICER" || actor.role === "ADMIN";
  const rows: [string, ReactNode][] = [
    [t("name"), actor.name],
    [
      t("email"),
      <span key="email" className="[overflow-wrap:anywhere]">
        {actor.email}
      </span>,
    ],
    [t("role"), t(`roles.${actor.role}`)],
  ];
  if (county) rows.push([t("county"), localName(locale, county)]);

  return (
    <div className="mx-auto w-full max-w-2xl space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>

      <Card title={t("details")} id="details-title">
        <dl className="divide-y divide-stone-100 text-sm" data-testid="account-details">
          {rows.map(([label, value]) => (
            <div key={label} className="grid gap-0.5 py-2 sm:grid-cols-[8rem_1fr] sm:gap-3">
              <dt className="text-stone-600">{label}</dt>
              <dd className="font-medium text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap gap-3 pt-1">
          <LocalLink locale={locale} href="/account/orders" className={buttonLink} data-testid="my-orders-link">
            {t("myOrders")}
          </LocalLink>
          <LocalLink locale={locale} href="/account/addresses" className={buttonLink} data-testid="addresses-link">
            {ta("link")}
          </LocalLink>
          <LocalLink locale={locale} href="/account/notifications" className={buttonLink} data-testid="notifications-link">
            {tn("link")}
          </LocalLink>
          {manages ? (
            <LocalLink locale={locale} href="/coop" className={buttonLink}>
              {t("openCoop")}
            </LocalLink>
          ) : null}
          {actor.role === "INSTITUTION" ? (
            <LocalLink locale={locale} href="/org" className={buttonLink} data-testid="my-organisations-link">
              {(await getTranslations({ locale, namespace: "organisations.page" }))("mine")}
            </LocalLink>
          ) : null}
          {offices ? (
            <LocalLink locale={locale} href="/office" className={buttonLink}>
              {t("openOffice")}
            </LocalLink>
          ) : null}
          {actor.role === "ADMIN" ? (
            <>
              <LocalLink locale={locale} href="/admin" className={buttonLink}>
                {(await getTranslations({ locale, namespace: "admin" }))("title")}
              </LocalLink>
              <LocalLink locale={locale} href="/admin/security" className={buttonLink} data-testid="admin-security-link">
                {a("title")}
              </LocalLink>
            </>
          ) : null}
        </div>
      </Card>

      {actor.role === "MANAGER" || memberships.length ? (
        <Card title={t("memberships")} id="memberships-title">
          {memberships.length ? (
            <>
              <p className="text-sm text-stone-600">{t("membershipsHint")}</p>
              <ul className="space-y-2" data-testid="memberships">
                {memberships.map(({ operator }) => (
                  <li key={operator.slug}>
                    <LocalLink
                      locale={locale}
                      href={`/coop/${operator.slug}`}
                      className="flex items-center justify-between gap-3 rounded-lg px-3 py-2.5 font-medium text-brand-800 ring-1 ring-stone-200 hover:bg-brand-50"
                    >
                      <span>{localName(locale, operator)}</span>
                      <span aria-hidden className="text-stone-500">
                        →
                      </span>
                    </LocalLink>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-stone-700">{t("noMemberships")}</p>
          )}
        </Card>
      ) : null}

      <NextIntlClientProvider locale={locale} messages={pickMessages(messages, ["auth", "errors", "security"])}>
        <Card title={t("passwordTitle")} id="password-title">
          <ChangePasswordForm email={actor.email} />
        </Card>
        <Card title={s("title")} id="signout-title">
          <p className="text-sm text-stone-700">{s("hint")}</p>
          <div className="flex flex-wrap items-start gap-3">
            <SignOutButton />
            <EndOtherSessionsButton />
          </div>
        </Card>
      </NextIntlClientProvider>
    </div>
  );
}
