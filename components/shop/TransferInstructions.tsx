// 对公转账 on the order page of an order awaiting a bank transfer: the platform's receiving account,
// the amount, the reference (附言) to write on the transfer, and until when the stock is held. A
// demo account (no TRANSFER_ACCOUNT_* set) is marked so nobody pays into it.
import { getTranslations } from "next-intl/server";
import type { TransferAccount } from "@/lib/payments/transfer";
import { formatFen } from "@/lib/money";
import { shanghaiFormat } from "@/lib/time/shanghai";

export async function TransferInstructions(props: {
  locale: string;
  account: TransferAccount;
  amountFen: number;
  reference: string;
  deadline: Date;
}) {
  const t = await getTranslations({ locale: props.locale, namespace: "transfers.instructions" });
  const deadline = shanghaiFormat(props.locale, { dateStyle: "full", timeStyle: "short" }).format(props.deadline);
  const rows: [string, string, string][] = [
    [t("accountName"), props.account.accountName, ""],
    [t("bank"), props.account.bank, ""],
    [t("accountNo"), props.account.accountNo, "font-mono tracking-wide"],
    [t("amount"), formatFen(props.amountFen), "text-lg font-bold text-brand-700"],
    [t("reference"), props.reference, "font-mono text-lg font-bold tracking-widest"],
  ];
  return (
    <section
      className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-amber-600/30"
      data-testid="transfer-instructions"
      aria-labelledby="transfer-heading"
    >
      <h2 id="transfer-heading" className="font-semibold">
        {t("heading")}
      </h2>
      {props.account.demo ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm font-semibold text-red-800" role="note">
          {t("demo")}
        </p>
      ) : null}
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <dl className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200">
        {rows.map(([label, value, style]) => (
          <div key={label} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-3 py-2">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd
              className={`min-w-0 break-all text-right ${style}`}
              data-testid={label === t("reference") ? "transfer-reference" : undefined}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-amber-900">{t("deadline", { time: deadline })}</p>
      <p className="text-xs text-stone-600">{t("after")}</p>
    </section>
  );
}
