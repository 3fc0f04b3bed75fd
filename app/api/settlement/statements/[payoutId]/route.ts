// GET /api/settlement/statements/<payoutId>?lang=zh-CN|en: a payout's statement (对账单) as XLSX,
// for the managers of the payout's operator and admins; anyone else (another cooperative's
// manager included) gets 404, the same answer as for a payout that does not exist.
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/request";
import { canManageOperator } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { notFoundResponse } from "@/lib/http/route";
import { defineRoute } from "@/lib/http/route.server";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { payoutOperatorId, statementOf } from "@/lib/settlement/payouts.server";
import { statementXlsx } from "@/lib/settlement/statement-xlsx";

const ymd = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const GET = defineRoute({
  name: "settlement.statement",
  allow: ["MANAGER", "ADMIN"],
  // The payout's operator must be one the caller manages; anything else is 404, like no payout at all.
  async scope(actor, _input, params) {
    const payoutId = typeof params.payoutId === "string" ? params.payoutId : "";
    const operatorId = /^[a-z0-9]{1,40}$/u.test(payoutId) ? await payoutOperatorId(payoutId) : null;
    if (!operatorId || !canManageOperator(actor, operatorId)) throw notFound();
    return payoutId;
  },
  handle: ({ scope, request }) => statementFile(scope, request),
});

async function statementFile(payoutId: string, request: Request) {
  const statement = await statementOf(payoutId);
  if (!statement) return notFoundResponse();
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : defaultLocale;
  // next-intl's translator over the message files: the same texts inside and outside a Next request.
  const translate = createTranslator({
    locale,
    messages: (await loadMessages(locale)) as never,
    namespace: "settlementPayouts.statement" as never,
  });
  const t = (key: string, values?: Record<string, string | number>) =>
    (translate as unknown as (k: string, v?: unknown) => string)(key, values);
  const { payout, lines } = statement;
  const body = await statementXlsx(
    {
      operatorName: localName(locale, payout.operator),
      creditCode: payout.operator.creditCode,
      periodMonth: payout.periodMonth,
      paidOn: payout.paidOn.toISOString().slice(0, 10),
      bankReference: payout.bankReference,
      amountFen: payout.amountFen,
      lines: lines.map((l) =>
        l.entry
          ? {
              date: ymd(l.entry.createdAt),
              orderNumber: l.entry.orderLine?.order.number ?? l.entry.orderShipping?.order.number ?? null,
              product: l.entry.orderLine ? localName(locale, l.entry.orderLine.product) : t("shipping"),
              kind: l.entry.kind,
              quantity: l.entry.kind === "SALE" && l.entry.orderLine ? l.entry.orderLine.quantity : null,
              amountFen: l.amountFen,
            }
          : { date: null, orderNumber: null, product: null, kind: "FEE" as const, quantity: null, amountFen: l.amountFen },
      ),
    },
    {
      title: t("title"),
      operator: t("operator"),
      creditCode: t("creditCode"),
      period: t("period"),
      paidOn: t("paidOn"),
      bankReference: t("bankReference"),
      columns: [t("date"), t("order"), t("product"), t("kind"), t("quantity"), t("amount")],
      fee: t("fee", { rate: (payout.feeBps / 100).toFixed(2) }),
      total: t("total"),
      sale: t("sale"),
      refund: t("refund"),
      rule: t("rule"),
    },
  );
  const name = `statement-${payout.operator.slug}-${payout.periodMonth}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
