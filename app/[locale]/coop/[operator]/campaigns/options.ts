// The campaign form's props from the console's reads: product rows in the reader's language, the
// default window (the next full hour, two hours long), a draft's values as the form edits them.
import type { ConsoleCampaign } from "@/lib/campaigns/console";
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { fenToYuanInput } from "@/lib/products/price";
import { toShanghaiDateTimeInput } from "@/lib/time/shanghai";
import type { CampaignDraft, CampaignProductOption } from "./CampaignForm";

const HOUR = 3600_000;

export function productOptions(
  locale: Locale,
  products: { id: string; nameZh: string; nameEn: string; specZh: string; specEn: string; priceFen: number; stock: number }[],
): CampaignProductOption[] {
  return products.map((p) => ({
    id: p.id,
    name: localName(locale, p),
    spec: localText(locale, p.specZh, p.specEn),
    price: formatFen(p.priceFen),
    stock: p.stock,
  }));
}

export function campaignDefaults(now: Date) {
  const start = new Date(Math.ceil((now.getTime() + HOUR) / HOUR) * HOUR);
  return { startsAt: toShanghaiDateTimeInput(start), endsAt: toShanghaiDateTimeInput(new Date(start.getTime() + 2 * HOUR)) };
}

export function draftOf(c: ConsoleCampaign): CampaignDraft {
  return {
    id: c.id,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    hostZh: c.hostZh,
    hostEn: c.hostEn,
    startsAt: toShanghaiDateTimeInput(c.startsAt),
    endsAt: toShanghaiDateTimeInput(c.endsAt),
    perBuyerLimit: c.perBuyerLimit,
    items: Object.fromEntries(c.products.map((p) => [p.productId, { price: fenToYuanInput(p.priceFen), allotment: p.allotment }])),
  };
}
