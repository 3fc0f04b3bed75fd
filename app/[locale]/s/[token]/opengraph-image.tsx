// The share card's preview image (1200 × 630 PNG) for chat apps and social sites, drawn by Next's
// ImageResponse. Its Chinese text uses Noto Sans SC from @fontsource/noto-sans-sc, only the few
// subset files the card's characters need (lib/trace/og-font.ts). No buyer, no household names.
import { ImageResponse } from "next/og";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { formatFen } from "@/lib/money";
import { isCode } from "@/lib/trace/code";
import { fontsFor } from "@/lib/trace/og-font";
import { villageList } from "@/lib/trace/share-text";
import { getShareCard } from "@/lib/trace/trace.server";

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "小康集市 · 消费帮扶";

type Props = { params: Promise<{ locale: string; token: string }> };

export default async function Image({ params }: Props) {
  const { locale: raw, token } = await params;
  const locale = pageLocale(raw);
  const card = isCode(token) ? await getShareCard(token) : null;
  const t = await getTranslations({ locale, namespace: "share" });
  const title = card && card.households > 0 ? t("title", { households: card.households }) : t("titleNone");
  const body =
    card && card.households > 0
      ? t("body", { reached: formatFen(card.reachedFen), households: card.households, villages: villageList(locale, card) })
      : t("bodyNone");
  const brand = t("brand");
  const privacy = t("privacy");
  const { fonts, family } = await fontsFor(`${title}${body}${brand}${privacy}`);
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 72px",
        background: "linear-gradient(135deg, #166534 0%, #15803d 60%, #b45309 100%)",
        color: "#ffffff",
        fontFamily: family,
      }}
    >
      <div style={{ display: "flex", fontSize: 34, opacity: 0.9 }}>{brand}</div>
      <div style={{ display: "flex", flexDirection: "column", gap: 28 }}>
        <div style={{ display: "flex", fontSize: 72, fontWeight: 700, lineHeight: 1.2 }}>{title}</div>
        <div style={{ display: "flex", fontSize: 36, lineHeight: 1.45, opacity: 0.95 }}>{body}</div>
      </div>
      <div style={{ display: "flex", fontSize: 26, opacity: 0.8 }}>{privacy}</div>
    </div>,
    { ...size, fonts, headers: { "cache-control": "public, max-age=3600" } },
  );
}
