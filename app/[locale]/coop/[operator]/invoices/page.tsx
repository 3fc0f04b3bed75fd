// 发票: the invoices buyers asked this operator for. To do first (requests to issue, invoices a
// refund flagged for 红冲), or all; each with the buyer's 抬头 and 税号, the order, the part's amount
// now, and the form of its next step. requireConsoleOperator answers 404 for another operator.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { invoiceCountsOf, invoicesOfSeller } from "@/lib/invoices/invoices.server";
import { formatFen } from "@/lib/money";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { shanghaiFormat } from "@/lib/time/shanghai";
import { IssueInvoiceForm, ReverseInvoiceForm } from "./_components/InvoiceForms";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "invoices.console" });
  return { title: t("heading") };
}

const STATUS_STYLE: Record<string, string> = {
  REQUESTED: "bg-amber-50 text-amber-900 ring-amber-600/20",
  ISSUED: "bg-leaf-50 text-leaf-700 ring-leaf-600/20",
  NEEDS_REVERSAL: "bg-red-50 text-red-800 ring-red-600/20",
  REVERSED: "bg-stone-100 text-stone-700 ring-stone-500/20",
  CANCELLED: "bg-stone-100 text-stone-700 ring-stone-500/20",
};

export default async function InvoicesPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const filter = (await searchParams).show === "all" ? "all" : "open";
  const [rows, counts] = await Promise.all([invoicesOfSeller(operator.id, filter), invoiceCountsOf(operator.id)]);
  const t = await getTranslations({ locale, namespace: "invoices" });
  const c = await getTranslations({ locale, namespace: "invoices.console" });
  const all = await getMessages({ locale });
  const time = (d: Date) => shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
  const base = `/coop/${operator.slug}/invoices`;
  const tab = (active: boolean) =>
    `rounded-full px-3 py-1.5 text-sm font-medium ring-1 ${active ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-stone-700 ring-stone-300"}`;

  return (
    <NextIntlClientProvider locale={locale} messages={{ invoices: all.invoices, errors: all.errors }}>
      <div className="space-y-4">
        <div className="space-y-1">
          <h1 className="text-lg font-bold">{c("heading")}</h1>
          <p className="text-sm text-stone-600">{c("intro")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <LocalLink locale={locale} href={base} className={tab(filter === "open")} aria-current={filter === "open" ? "page" : undefined}>
            {c("filterOpen")}
          </LocalLink>
          <LocalLink
            locale={locale}
            href={`${base}?show=all`}
            className={tab(filter === "all")}
            aria-current={filter === "all" ? "page" : undefined}
          >
            {c("filterAll")}
          </LocalLink>
          <span className="text-sm text-stone-700" data-testid="invoice-counts">
            {c("toIssue", { count: counts.toIssue })} · {c("toReverse", { count: counts.toReverse })}
          </span>
        </div>
        {rows.length === 0 ? (
          <p className="rounded-xl bg-white p-6 text-center text-sm text-stone-600 shadow-sm ring-1 ring-stone-200">
            {filter === "open" ? c("empty") : c("emptyAll")}
          </p>
        ) : (
          <ul className="space-y-3">
            {rows.map((invoice) => (
              <li
                key={invoice.id}
                className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
                data-testid="seller-invoice"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_STYLE[invoice.status]}`}>
                    {t(`status.${invoice.status}`)}
                  </span>
                  <span className="text-sm font-semibold">{t(`kind.${invoice.kind}`)}</span>
                  <LocalLink
                    locale={locale}
                    href={`/coop/${operator.slug}/orders/${encodeURIComponent(invoice.orderNumber)}`}
                    className="text-sm font-medium text-brand-700 underline"
                  >
                    {c("order", { number: invoice.orderNumber })}
                  </LocalLink>
                </div>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                  <div className="min-w-0">
                    <dt className="text-xs text-stone-600">{c("buyer")}</dt>
                    <dd className="break-words">
                      {invoice.title}{" "}
                      <span className="font-mono text-stone-700">{invoice.personal ? `(${c("personal")})` : invoice.taxNo}</span>
                    </dd>
                  </div>
                  <div className="min-w-0">
                    <dt className="text-xs text-stone-600">{t("requestedAt", { time: time(invoice.createdAt) })}</dt>
                    <dd className="break-all">{c("email", { email: invoice.email })}</dd>
                  </div>
                  {invoice.kind === "SPECIAL" ? (
                    <p className="break-words text-xs text-stone-700 sm:col-span-2">
                      {c("special", {
                        address: invoice.regAddress,
                        phone: invoice.regPhone,
                        bank: invoice.bankName,
                        account: invoice.bankAccount,
                      })}
                    </p>
                  ) : null}
                  <p className="text-sm font-medium sm:col-span-2">
                    {invoice.amountFen !== null
                      ? t("amount", { amount: formatFen(invoice.amountFen) })
                      : c("partNow", { amount: formatFen(invoice.partFen) })}
                    {invoice.invoiceNo ? ` · ${t("invoiceNo", { no: invoice.invoiceNo })}` : null}
                  </p>
                </dl>
                {invoice.status === "REQUESTED" ? (
                  <div className="border-t border-stone-100 pt-3">
                    <IssueInvoiceForm invoiceId={invoice.id} />
                  </div>
                ) : null}
                {invoice.status === "NEEDS_REVERSAL" ? (
                  <div className="space-y-2 border-t border-stone-100 pt-3">
                    <p className="text-sm font-medium text-red-800">
                      {c("reverse.due", { time: time(invoice.reversalDueAt ?? invoice.createdAt) })}
                    </p>
                    <ReverseInvoiceForm invoiceId={invoice.id} />
                  </div>
                ) : null}
                {invoice.fileKey ? (
                  <a href={`/api/invoices/${invoice.id}/file`} className="text-sm font-semibold text-brand-700 underline" download>
                    {t("download")}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </NextIntlClientProvider>
  );
}
