// The order page's 发票 section: per seller, its invoices (status, amount, the PDF or the e-invoice
// link, withdraw while requested) and, when none is open, the request form. Data comes from
// lib/invoices (orderInvoices); the page decides who may open it.
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { OrderInvoices as Data } from "@/lib/invoices/invoices";
import { OPEN_STATUSES } from "@/lib/invoices/rules";
import { formatFen } from "@/lib/money";
import { shanghaiFormat } from "@/lib/time/shanghai";
import { CancelInvoiceButton } from "./CancelInvoiceButton";
import { InvoiceRequestForm } from "./InvoiceRequestForm";

const STATUS_STYLE: Record<string, string> = {
  REQUESTED: "bg-amber-50 text-amber-900 ring-amber-600/20",
  ISSUED: "bg-leaf-50 text-leaf-700 ring-leaf-600/20",
  NEEDS_REVERSAL: "bg-red-50 text-red-800 ring-red-600/20",
  REVERSED: "bg-stone-100 text-stone-700 ring-stone-500/20",
  CANCELLED: "bg-stone-100 text-stone-700 ring-stone-500/20",
};

export async function OrderInvoices(props: {
  locale: string;
  number: string;
  token: string;
  data: Data;
  sellerName: (operatorId: string) => string;
}) {
  const t = await getTranslations({ locale: props.locale, namespace: "invoices" });
  const all = await getMessages({ locale: props.locale });
  const time = (d: Date) => shanghaiFormat(props.locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
  const { data } = props;

  return (
    <NextIntlClientProvider locale={props.locale} messages={{ invoices: all.invoices, errors: all.errors }}>
      <section
        className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="order-invoices"
        aria-labelledby="invoices-heading"
      >
        <div>
          <h2 id="invoices-heading" className="font-semibold">
            {t("title")}
          </h2>
          <p className="text-xs text-stone-600">{t("intro")}</p>
        </div>
        {!data.invoiceable && data.parts.every((p) => p.invoices.length === 0) ? (
          <p className="text-sm text-stone-700">{t("notYet")}</p>
        ) : null}
        {data.parts.map((part) => {
          const open = part.invoices.some((i) => (OPEN_STATUSES as readonly string[]).includes(i.status));
          if (!data.invoiceable && part.invoices.length === 0) return null;
          return (
            <div key={part.operatorId} className="space-y-2 border-t border-stone-100 pt-3" data-testid="invoice-part">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-sm font-semibold text-stone-800">{t("partOf", { seller: props.sellerName(part.operatorId) })}</h3>
                <span className="text-sm text-stone-700">{t("partAmount", { amount: formatFen(part.partFen) })}</span>
              </div>
              {part.invoices.map((invoice) => (
                <div key={invoice.id} className="space-y-1.5 rounded-lg bg-stone-50 p-3 text-sm" data-testid="invoice">
                  <div className="flex flex-wrap items-center gap-2">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_STYLE[invoice.status]}`}
                      data-testid="invoice-status"
                    >
                      {t(`status.${invoice.status}`)}
                    </span>
                    <span className="font-medium">{t(`kindShort.${invoice.kind}`)}</span>
                    <span className="min-w-0 break-words">
                      {invoice.title}
                      {invoice.taxNo ? <span className="ml-1 font-mono text-stone-600">{invoice.taxNo}</span> : null}
                    </span>
                  </div>
                  <p className="text-xs text-stone-600">
                    {invoice.issuedAt
                      ? t("issuedAt", { time: time(invoice.issuedAt) })
                      : t("requestedAt", { time: time(invoice.createdAt) })}
                    {invoice.amountFen !== null ? ` · ${t("amount", { amount: formatFen(invoice.amountFen) })}` : null}
                    {invoice.invoiceNo ? ` · ${t("invoiceNo", { no: invoice.invoiceNo })}` : null}
                  </p>
                  {invoice.status === "NEEDS_REVERSAL" ? <p className="text-xs text-red-800">{t("reversalNote")}</p> : null}
                  {invoice.status === "REVERSED" ? (
                    <p className="text-xs text-stone-700">
                      {t("reversedNote", { note: invoice.reversalNote ? `：${invoice.reversalNote}` : "" })}
                    </p>
                  ) : null}
                  {invoice.status === "CANCELLED" && invoice.cancelReason === "refunded" ? (
                    <p className="text-xs text-stone-700">{t("cancelledRefunded")}</p>
                  ) : null}
                  <div className="flex flex-wrap gap-3">
                    {invoice.fileKey && invoice.status !== "CANCELLED" ? (
                      <a
                        href={`/api/invoices/${invoice.id}/file?t=${props.token}`}
                        className="font-semibold text-brand-700 underline"
                        data-testid="invoice-download"
                        download
                      >
                        {t("download")}
                      </a>
                    ) : null}
                    {invoice.downloadUrl ? (
                      <a
                        href={invoice.downloadUrl}
                        className="font-semibold text-brand-700 underline"
                        rel="noopener noreferrer nofollow"
                        target="_blank"
                      >
                        {t("openLink")}
                      </a>
                    ) : null}
                    {invoice.status === "REQUESTED" ? (
                      <CancelInvoiceButton number={props.number} token={props.token} invoiceId={invoice.id} />
                    ) : null}
                  </div>
                </div>
              ))}
              {!open && data.invoiceable ? (
                part.partFen > 0 ? (
                  <details className="rounded-lg ring-1 ring-stone-200">
                    <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-700">{t("form.open")}</summary>
                    <div className="border-t border-stone-100 p-3">
                      <InvoiceRequestForm
                        number={props.number}
                        token={props.token}
                        operatorId={part.operatorId}
                        prefill={data.prefill}
                        fromOrganisation={Boolean(data.prefill.taxNo)}
                      />
                    </div>
                  </details>
                ) : (
                  <p className="text-sm text-stone-700">{t("none")}</p>
                )
              ) : null}
            </div>
          );
        })}
      </section>
    </NextIntlClientProvider>
  );
}
