// 对公转账 received: the admin checks the bank's statement against the orders waiting for a transfer,
// finds one by its reference (附言, ZZ…) or order number, and confirms the money arrived. That goes
// through the one "paid" path (lib/payments/transfers.ts → confirmPayment); a second confirmation,
// by anyone, says "already received" and changes nothing.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { inputClass } from "@/components/ui/styles";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { markTransferReceivedAction } from "@/lib/payments/transfer-actions";
import { transfersMatching } from "@/lib/payments/transfers.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "transfers.admin" }))("heading") };
}

export default async function TransfersPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "transfers.admin" });
  const o = await getTranslations({ locale, namespace: "orders" });
  const raw = (await searchParams).q;
  const query = typeof raw === "string" ? raw.slice(0, 40) : "";
  const found = await transfersMatching(query);
  const time = (d: Date) => shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
  const action = localizedPath(locale, "/admin/transfers");

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-lg font-bold">{t("heading")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      <form method="get" action={action} className="flex flex-wrap items-end gap-2" role="search">
        <label htmlFor="transfer-q" className="w-full text-sm font-medium text-stone-800">
          {t("search")}
        </label>
        <input
          id="transfer-q"
          name="q"
          defaultValue={found.query}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          className={`${inputClass} max-w-xs flex-1 font-mono`}
        />
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800">
          {t("find")}
        </button>
        {found.query ? (
          <a href={action} className="px-2 py-2.5 text-sm font-medium text-brand-700 underline">
            {t("all")}
          </a>
        ) : null}
      </form>
      {!found.valid ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">
          {t("invalid")}
        </p>
      ) : null}
      {!found.query ? <h2 className="text-sm font-semibold text-stone-700">{t("waiting")}</h2> : null}
      {found.valid && found.rows.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-sm text-stone-600 shadow-sm ring-1 ring-stone-200">
          {found.query ? t("none") : t("noneWaiting")}
        </p>
      ) : null}
      <ul className="space-y-3">
        {found.rows.map((row) => (
          <li key={row.id} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="transfer-row">
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
              <div className="min-w-0">
                <dt className="text-xs text-stone-600">{t("reference")}</dt>
                <dd className="font-mono font-bold tracking-wider">{row.transferReference}</dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-stone-600">{t("order")}</dt>
                <dd className="break-all font-mono">{row.number}</dd>
              </div>
              <div className="col-span-2 min-w-0 sm:col-span-1">
                <dt className="text-xs text-stone-600">{t("buyer")}</dt>
                <dd className="break-words">{row.organisation ? localName(locale, row.organisation) : (row.user?.name ?? row.email)}</dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("amount")}</dt>
                <dd className="text-base font-bold text-brand-700">{formatFen(row.totalFen)}</dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("deadline")}</dt>
                <dd>{time(row.reservedUntil)}</dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("status")}</dt>
                <dd>{o(`status.${row.status}`)}</dd>
              </div>
            </dl>
            {row.status === "PENDING_PAYMENT" ? (
              <ActionForm
                action={markTransferReceivedAction}
                hidden={{ orderId: row.id, expectAmountFen: String(row.totalFen) }}
                submit={t("received", { amount: formatFen(row.totalFen) })}
                success={t("done")}
                confirm={t("confirm", { amount: formatFen(row.totalFen), number: row.number })}
                idPrefix={`transfer-${row.id}`}
                testId="transfer-received"
              />
            ) : row.paidAt ? (
              <p className="text-sm text-leaf-700">{t("paidAt", { time: time(row.paidAt) })}</p>
            ) : row.cancelledAt ? (
              <p className="text-sm text-stone-700">{t("released", { time: time(row.cancelledAt) })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
