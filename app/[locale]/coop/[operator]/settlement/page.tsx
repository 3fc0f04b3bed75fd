// The settlement ledger (结算): the platform is the merchant of record, so every paid line is
// money the platform owes the operator, and every refund takes some back. Per Shanghai month:
// sales, refunds and the net owed, each month 已结算 / 待结算; the payouts with their statements
// (对账单, XLSX); the rule for a refund in a later month; then one month's entries with their orders.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { MONTH, shanghaiMonth } from "@/lib/orders/seller-orders";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorSettlement, operatorSettlementEntries } from "@/lib/orders/seller-orders.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { payoutsOfOperator, settledMonthsOf } from "@/lib/settlement/payouts.server";
import { pageParam } from "@/lib/paging";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.settlement" });
  return { title: t("title") };
}

function Figure({ label, value, testId, strong = false }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <div
      className={`rounded-xl p-4 shadow-sm ring-1 ${strong ? "col-span-2 bg-leaf-50 ring-leaf-600/20 sm:col-span-1" : "bg-white ring-stone-200"}`}
      data-testid={testId}
    >
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className={`mt-1 break-words text-xl font-bold tabular-nums ${strong ? "text-leaf-700" : "text-stone-900"}`}>{value}</dd>
    </div>
  );
}

export default async function SettlementPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: "coop.settlement" });
  const summary = await operatorSettlement(operator.id);
  const [paid, settled] = await Promise.all([payoutsOfOperator(operator.id), settledMonthsOf(operator.id)]);
  const p = await getTranslations({ locale, namespace: "settlementPayouts" });
  const asked = typeof query.month === "string" && MONTH.test(query.month) ? query.month : null;
  const month = asked ?? summary.months[0]?.month ?? null;
  const entries = month ? await operatorSettlementEntries(operator.id, month, pageParam(query.page)) : null;
  const base = `/coop/${operator.slug}/settlement`;
  const monthName = (m: string) => shanghaiFormat(locale, { year: "numeric", month: "long" }).format(shanghaiMonth(m).start);
  const stamp = shanghaiFormat(locale, {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const monthHref = (m: string, page = 1) => `${base}?month=${m}${page > 1 ? `&page=${page}` : ""}`;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Figure testId="settlement-owed" label={t("owed")} value={formatFen(summary.totalNetFen)} strong />
        <Figure testId="settlement-sales" label={t("totalSales")} value={formatFen(summary.totalSalesFen)} />
        <Figure testId="settlement-refunds" label={t("totalRefunds")} value={formatFen(summary.totalRefundsFen)} />
      </dl>
      <p className="text-xs text-stone-600">{t("owedNote")}</p>

      <dl className="grid grid-cols-2 gap-3">
        <Figure testId="settlement-paid" label={p("settled")} value={formatFen(paid.paidFen)} />
        <Figure testId="settlement-pending" label={p("pending")} value={formatFen(paid.pendingFen)} />
      </dl>
      <p className="rounded-lg bg-stone-50 p-3 text-xs text-stone-700 ring-1 ring-stone-200" data-testid="refund-rule">
        {p("rule")}
      </p>
      <section aria-labelledby="payouts-title" className="space-y-2">
        <h2 id="payouts-title" className="text-lg font-semibold">
          {p("payoutsTitle")}
        </h2>
        {paid.payouts.length === 0 ? (
          <p className="rounded-xl bg-white p-4 text-sm text-stone-700 ring-1 ring-stone-200">{p("noPayouts")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="settlement-payouts">
            {paid.payouts.map((po) => (
              <li
                key={po.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5 text-sm"
                data-testid="settlement-payout"
              >
                <div className="space-y-0.5">
                  <p className="font-semibold tabular-nums">{formatFen(po.amountFen)}</p>
                  <p className="text-xs text-stone-700">
                    {p("payoutLine", { month: po.periodMonth, paidOn: po.paidOn.toISOString().slice(0, 10), reference: po.bankReference })}
                  </p>
                  {po.feeFen > 0 ? <p className="text-xs text-stone-600">{p("feeLine", { fee: formatFen(po.feeFen) })}</p> : null}
                </div>
                <a
                  href={`/api/settlement/statements/${po.id}?lang=${locale}`}
                  className="text-brand-700 underline"
                  data-testid="statement-download"
                >
                  {p("statementDownload")}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {summary.months.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">{t("none")}</p>
      ) : (
        <section aria-labelledby="months-title" className="space-y-2">
          <h2 id="months-title" className="text-lg font-semibold">
            {t("monthsTitle")}
          </h2>
          <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
            <table className="w-full min-w-[20rem] text-sm" data-testid="settlement-months">
              <thead className="bg-stone-50 text-left text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("month")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("sales")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("refunds")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("net")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {p("status")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {summary.months.map((m) => {
                  const current = m.month === month;
                  return (
                    <tr key={m.month} className={current ? "bg-brand-50" : undefined} data-testid="settlement-month" data-month={m.month}>
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        <LocalLink
                          locale={locale}
                          href={monthHref(m.month)}
                          aria-current={current ? "true" : undefined}
                          className="whitespace-nowrap text-brand-700 underline"
                        >
                          {monthName(m.month)}
                        </LocalLink>
                      </th>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatFen(m.salesFen)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-amber-900">
                        {m.refundsFen === 0 ? "—" : formatFen(m.refundsFen)}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2 text-right font-semibold tabular-nums">{formatFen(m.netFen)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-xs" data-testid="settlement-status">
                        {p(`monthStatus.${settled.get(m.month) ?? "PENDING"}`)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {month && entries ? (
        <section aria-labelledby="entries-title" className="space-y-2">
          <h2 id="entries-title" className="text-lg font-semibold">
            {t("entriesTitle", { month: monthName(month) })}
          </h2>
          {entries.rows.length === 0 ? (
            <p className="rounded-xl bg-white p-4 text-sm text-stone-700 ring-1 ring-stone-200">{t("noEntries")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="settlement-entries">
              {entries.rows.map((e) => (
                <li key={e.id} className="flex items-start justify-between gap-3 px-3 py-2.5 text-sm" data-testid="settlement-entry">
                  <div className="min-w-0 space-y-0.5">
                    <p className="flex flex-wrap items-baseline gap-x-2">
                      <LocalLink
                        locale={locale}
                        href={`/coop/${operator.slug}/orders/${e.orderNumber}`}
                        className="font-mono text-brand-700 underline"
                      >
                        {e.orderNumber}
                      </LocalLink>
                      <span className={`text-xs font-medium ${e.kind === "SALE" ? "text-leaf-700" : "text-amber-900"}`}>
                        {t(`kind.${e.kind}`)}
                      </span>
                    </p>
                    <p className="text-xs text-stone-700">
                      {localName(locale, e)}
                      {e.kind === "SALE" ? ` · ${t("qty", { quantity: e.quantity, unit: localText(locale, e.unitZh, e.unitEn) })}` : null}
                    </p>
                    <p className="text-xs text-stone-600">{stamp.format(e.createdAt)}</p>
                  </div>
                  <p className={`shrink-0 font-semibold tabular-nums ${e.amountFen < 0 ? "text-amber-900" : "text-stone-900"}`}>
                    {e.amountFen > 0 ? "+" : ""}
                    {formatFen(e.amountFen)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pager locale={locale} page={entries.page} pages={entries.pages} href={(p) => monthHref(month, p)} />
        </section>
      ) : null}
    </div>
  );
}
