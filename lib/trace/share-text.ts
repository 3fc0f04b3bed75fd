// The share card's words, shared by its page and its preview image.
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import type { ShareCard } from "./share";

const MAX_VILLAGES = 4;

/** "大庄村、大都麻村 等 6 个村" / "Dazhuang, Daduma and 4 more villages" */
export function villageList(locale: Locale, card: Pick<ShareCard, "villages">): string {
  const names = card.villages.map((v) => localName(locale, v));
  const shown = names.slice(0, MAX_VILLAGES);
  const more = names.length - shown.length;
  if (locale === "en") {
    const list = new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(
      more > 0 ? [...shown, `${more} more villages`] : shown,
    );
    return list;
  }
  return more > 0 ? `${shown.join("、")} 等 ${names.length} 个村` : shown.join("、");
}
