// GET /api/settlement/statements/<payoutId>?lang=zh-CN|en: a payout's statement (对账单) as XLSX,
// for the managers of the payout's operator and admins; anyone else (another cooperative's
// manager included) gets 404, the same answer as for a payout that does not exist.
import { getTranslations } from "next-intl/server";
import { canManageOperator } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session.server";
import { db } from "@/lib/db/db.server";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { payoutStatement } from "@/lib/settlement/payouts";
import { statementXlsx } from "@/lib/settlement/statement-xlsx";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
const ymd = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function GET(request: Request, { params }: { params: Promise<{ payoutId: string }> }) {
  const { payoutId } = await params;
  const actor = await getActor();
  if (!actor || !/^[a-z0-9]{1,40}$/u.test(payoutId)) return notFound();
  const owner = await db.settlementPayout.findUnique({ where: { id: payoutId }, select: { operatorId: true } });
  if (!owner || !canManageOperator(actor, owner.operatorId)) return notFound();
  const statement = await payoutStatement(db, payoutId);
  if (!statement) return notFound();
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : defaultLocale;
  const t = await getTranslations({ locale, namespace: "settlementPayouts.statement" });
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
              orderNumber: l.entry.orderLine.order.number,
              product: localName(locale, l.entry.orderLine.product),
              kind: l.entry.kind,
              quantity: l.entry.kind === "SALE" ? l.entry.orderLine.quantity : null,
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
