// One campaign as the consoles show it: state, window, limit, and per product its campaign price,
// allotment, units held or sold, and what is left; the public link and its QR code when published.
// The page passes what goes below it (the console's own buttons) as children.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import type { ConsoleCampaign } from "@/lib/campaigns/console";
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { shanghaiFormat } from "@/lib/time/shanghai";

const TONES = { draft: "neutral", cancelled: "warn", upcoming: "gi", live: "certified", ended: "neutral" } as const;

export async function CampaignCard({
  locale,
  campaign: c,
  link,
  qr,
  showOperators = false,
  children,
}: {
  locale: Locale;
  campaign: ConsoleCampaign;
  link: string;
  qr: string | null;
  showOperators?: boolean;
  children?: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "campaigns.card" });
  const when = shanghaiFormat(locale, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
  const operators = [...new Map(c.products.map((p) => [p.product.operator.slug, p.product.operator])).values()];
  return (
    <li className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="campaign" data-slug={c.slug}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <h2 className="font-semibold leading-snug">{localText(locale, c.titleZh, c.titleEn)}</h2>
          <p className="text-sm text-stone-700">
            {t("host", { host: localText(locale, c.hostZh, c.hostEn || c.hostZh) })} · {when.format(c.startsAt)}–{when.format(c.endsAt)}
          </p>
          {showOperators ? <p className="text-sm text-stone-700">{operators.map((o) => localName(locale, o)).join("、")}</p> : null}
        </div>
        <Badge tone={TONES[c.state]}>
          <span data-testid="campaign-state">{t(`state.${c.state}`)}</span>
        </Badge>
      </div>

      <ul className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200">
        {c.items.map((p) => (
          <li key={p.id} className="space-y-1 p-3">
            <p className="font-medium">{localName(locale, p.product)}</p>
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-stone-600">{t("price")}</dt>
                <dd className="tabular-nums">
                  {formatFen(p.priceFen)} <s className="text-xs text-stone-500">{formatFen(p.product.priceFen)}</s>
                </dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("allotment")}</dt>
                <dd className="tabular-nums">{c.startedAt ? p.taken : p.allotment}</dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("sold")}</dt>
                <dd className="tabular-nums" data-testid="campaign-sold">
                  {p.sold}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-stone-600">{t("left")}</dt>
                <dd className="tabular-nums">{p.left ?? "—"}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <p className="text-sm text-stone-700">
        {t("limit", { limit: c.perBuyerLimit })} · {t("paid", { count: c.paidOrders, amount: formatFen(c.paidFen) })} ·{" "}
        {t("unpaid", { count: c.unpaidOrders })}
      </p>

      {qr ? (
        <details className="rounded-lg bg-stone-50 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-brand-800">{t("linkAndQr")}</summary>
          <div className="mt-3 flex flex-wrap items-center gap-4">
            <div className="w-36 shrink-0 bg-white" role="img" aria-label={t("qrAlt", { link })} dangerouslySetInnerHTML={{ __html: qr }} />
            <div className="min-w-0 space-y-2">
              <p className="break-all font-mono text-xs" data-testid="campaign-console-link">
                {link}
              </p>
              <a href={link} target="_blank" rel="noopener" className="font-medium text-brand-700 underline">
                {t("open")}
              </a>
            </div>
          </div>
        </details>
      ) : null}
      {children}
    </li>
  );
}
