// A buyer organisation's page (/org/<id>), for its members and the admin: who it is, this year's
// 预留份额 (a budget unit with a canteen: the declared budget, the quota, what counts toward it, the
// progress and what is left), a union's purchases and the unit they count toward, a partner's
// pairing purchases by county, its orders, and its members (managers invite and manage them).
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requestOrigin } from "@/lib/http/request-origin.server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { Section } from "@/components/console/Section";
import { InviteForm, RevokeInvite } from "@/components/console/TeamForms";
import { redirectToSignIn } from "@/components/console/sign-in";
import { ProgressBar } from "@/components/organisations/ProgressBar";
import { Badge } from "@/components/ui/Badge";
import { Pager } from "@/components/ui/Pager";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { organisationPageFor } from "@/lib/organisations/organisations.server";
import {
  declareBudgetAction,
  inviteMemberAction,
  removeMemberAction,
  revokeMemberInviteAction,
  setMemberManagerAction,
} from "@/lib/organisations/actions";
import { pageParam } from "@/lib/paging";
import { shanghaiFormat, toShanghaiYmd } from "@/lib/time/shanghai";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "organisations.page" });
  return { title: t("title"), robots: { index: false } };
}

const fen = (value: bigint) => formatFen(Number(value));
/** 120000000n → "1200000" (or "1200000.50"): the figure the manager edits. */
const yuanInput = (value: bigint) => `${value / 100n}${value % 100n ? `.${String(value % 100n).padStart(2, "0")}` : ""}`;

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-stone-50 px-3 py-2">
      <dt className="text-xs text-stone-600">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export default async function OrganisationPage({ params, searchParams }: Props) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, `/org/${id}`);
  const page = pageParam((await searchParams).page);
  const data = await organisationPageFor(actor, id, page);
  if (!data) notFound();
  const { overview: org, orders, isManager } = data;
  const t = await getTranslations({ locale, namespace: "organisations" });
  const s = await getTranslations({ locale, namespace: "orders" });
  const all = await getMessages({ locale });
  const origin = await requestOrigin();
  const day = shanghaiFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" });
  const name = localName(locale, org);
  const quota = org.quota;
  // The last manager can neither leave nor step down (the server refuses too): no buttons for them.
  const managers = org.members.filter((m) => m.isManager).length;

  return (
    <NextIntlClientProvider locale={locale} messages={{ errors: all.errors, coop: all.coop }}>
      <div className="mx-auto w-full max-w-4xl space-y-5">
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <Badge>{t(`kinds.${org.kind}`)}</Badge>
            {org.kind === "BUDGET_UNIT" && !org.hasCanteen ? <Badge>{t("page.noCanteen")}</Badge> : null}
            {org.disabled ? <Badge tone="warn">{t("page.disabled")}</Badge> : null}
          </div>
          <h1 className="text-2xl font-bold break-words" data-testid="organisation-name">
            {name}
          </h1>
          <p className="text-sm text-stone-700">
            {t("page.creditCode")} <span className="font-mono">{org.creditCode}</span> · {localName(locale, org.region)}
          </p>
          {org.parentUnit ? (
            <p className="text-sm text-stone-700">{t("page.countsToward", { unit: localName(locale, org.parentUnit) })}</p>
          ) : null}
          {org.unions.length ? (
            <p className="text-sm text-stone-700">
              {t("page.unionsCount", { unions: org.unions.map((u) => localName(locale, u)).join("、") })}
            </p>
          ) : null}
        </header>

        {org.kind === "BUDGET_UNIT" ? (
          <Section title={t("page.quotaTitle", { year: org.year })} id="quota-title" testId="quota">
            {!quota ? (
              <p className="text-sm text-stone-700" data-testid="no-quota">
                {t("page.noCanteenQuota")}
              </p>
            ) : (
              <div className="space-y-4">
                {quota.budgetFen === null ? (
                  <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="budget-missing">
                    {isManager ? t("page.budgetMissingManager") : t("page.budgetMissing")}
                  </p>
                ) : null}
                <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  <Figure label={t("page.budget")} value={quota.budgetFen === null ? "—" : fen(quota.budgetFen)} testId="budget" />
                  <Figure
                    label={t("page.rate", { region: quota.rateRegion ? localName(locale, quota.rateRegion) : t("page.defaultRate") })}
                    value={`${quota.bps / 100}%`}
                    testId="rate"
                  />
                  <Figure
                    label={t("page.quota")}
                    value={quota.budgetFen === null ? "—" : fen(quota.progress.quotaFen)}
                    testId="quota-amount"
                  />
                  <Figure label={t("page.counted")} value={fen(org.countedFen)} testId="counted" />
                </dl>
                {quota.progress.progressBps !== null ? (
                  <div className="space-y-1">
                    <ProgressBar bps={quota.progress.progressBps} label={t("page.progress")} />
                    <p className="text-sm font-medium" data-testid="remaining">
                      {quota.progress.reached ? t("page.reached") : t("page.remaining", { amount: fen(quota.progress.remainingFen) })}
                    </p>
                  </div>
                ) : null}
                <p className="text-xs text-stone-600">{t("page.countedHint")}</p>
                {quota.declaredAt ? (
                  <p className="text-xs text-stone-600">{t("page.declaredAt", { date: toShanghaiYmd(quota.declaredAt) })}</p>
                ) : null}
                {isManager ? (
                  <div className="max-w-sm border-t border-stone-100 pt-3">
                    <ActionForm
                      action={declareBudgetAction}
                      idPrefix="budget"
                      testId="budget-form"
                      hidden={{ organisationId: org.id }}
                      fields={[
                        {
                          name: "budget",
                          label: t("page.budgetField", { year: org.year }),
                          hint: t("page.budgetHint"),
                          kind: "text",
                          required: true,
                          maxLength: 40,
                          defaultValue: quota.budgetFen === null ? "" : yuanInput(quota.budgetFen),
                        },
                      ]}
                      submit={quota.budgetFen === null ? t("page.declare") : t("page.update")}
                      success={t("page.declared")}
                    />
                  </div>
                ) : null}
              </div>
            )}
          </Section>
        ) : (
          <Section title={t("page.purchasesTitle", { year: org.year })} id="purchases-title" testId="purchases">
            <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              <Figure label={t("page.counted")} value={fen(org.countedFen)} testId="counted" />
            </dl>
            {org.parentUnit ? (
              <p className="mt-2 text-sm text-stone-700">{t("page.unionCountsHint", { unit: localName(locale, org.parentUnit) })}</p>
            ) : null}
            <p className="mt-2 text-xs text-stone-600">{t("page.countedHint")}</p>
          </Section>
        )}

        {org.pairingByCounty ? (
          <Section title={t("page.pairingTitle", { year: org.year })} id="pairing-title" testId="pairing">
            <ul className="divide-y divide-stone-100 text-sm">
              {org.pairingByCounty.map((p) => (
                <li key={p.county.id} className="flex justify-between gap-3 py-2">
                  <span>{localName(locale, p.county)}</span>
                  <span className="font-semibold tabular-nums" data-testid="pairing-amount">
                    {fen(p.fen)}
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-stone-600">{t("page.pairingHint")}</p>
          </Section>
        ) : null}

        <Section title={t("page.ordersTitle", { count: orders.total })} id="orders-title" testId="organisation-orders">
          {orders.orders.length === 0 ? (
            <p className="text-sm text-stone-700">{t("page.noOrders")}</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {orders.orders.map((o) => (
                <li key={o.id} className="grid gap-1 py-2 text-sm sm:grid-cols-[1fr_auto]" data-testid="organisation-order">
                  <div className="min-w-0">
                    <p className="font-mono text-xs text-stone-700">{o.number}</p>
                    <p>
                      {day.format(o.paidAt ?? o.createdAt)} · {o.buyerName ?? "—"} · {t(`channels.${o.channel}`)}
                    </p>
                  </div>
                  <div className="text-left sm:text-right">
                    <p className="font-semibold tabular-nums">{formatFen(o.totalFen)}</p>
                    <p className="text-xs text-stone-600">
                      {s(`status.${o.status}`)}
                      {o.refundedFen > 0 ? ` · ${t("page.refunded", { amount: formatFen(o.refundedFen) })}` : ""}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Pager locale={locale} page={page} pages={orders.pages} href={(p) => `/org/${org.id}?page=${p}`} />
        </Section>

        <Section title={t("page.membersTitle")} id="members-title" testId="members">
          <ul className="divide-y divide-stone-100">
            {org.members.map((m) => (
              <li
                key={m.userId}
                className="flex flex-wrap items-center justify-between gap-2 py-2"
                data-testid="member"
                data-email={m.email}
              >
                <div className="min-w-0 text-sm">
                  <p className="font-medium">
                    {m.name} {m.isManager ? <Badge tone="certified">{t("page.manager")}</Badge> : null}
                  </p>
                  <p className="text-xs text-stone-600 [overflow-wrap:anywhere]">{m.email}</p>
                </div>
                {isManager && !(m.isManager && managers === 1) ? (
                  <div className="flex flex-wrap gap-2">
                    <ActionForm
                      action={setMemberManagerAction}
                      idPrefix={`role-${m.userId}`}
                      hidden={{ organisationId: org.id, userId: m.userId, isManager: m.isManager ? "false" : "true" }}
                      submit={m.isManager ? t("page.stepDown") : t("page.makeManager")}
                    />
                    <ActionForm
                      action={removeMemberAction}
                      idPrefix={`remove-${m.userId}`}
                      hidden={{ organisationId: org.id, userId: m.userId }}
                      submit={t("page.remove")}
                      confirm={t("page.removeConfirm", { name: m.name })}
                      danger
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {isManager ? (
            <div className="mt-4 space-y-4 border-t border-stone-100 pt-4">
              <h3 className="font-semibold">{t("page.inviteTitle")}</h3>
              <p className="text-sm text-stone-700">{t("page.inviteHint")}</p>
              <InviteForm origin={origin} locale={locale} action={inviteMemberAction} hidden={{ organisationId: org.id }} />
              {org.invites.length ? (
                <ul className="space-y-2" data-testid="pending-invites">
                  {org.invites.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                      <span className="[overflow-wrap:anywhere]">
                        {i.email}
                        <span className="text-stone-600">
                          {" · "}
                          {i.expired ? t("page.inviteExpired") : t("page.inviteUntil", { date: toShanghaiYmd(i.expiresAt) })}
                        </span>
                      </span>
                      <RevokeInvite inviteId={i.id} email={i.email} action={revokeMemberInviteAction} hidden={{ organisationId: org.id }} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </Section>
      </div>
    </NextIntlClientProvider>
  );
}
