// /office/certification: the county's products waiting for 消费帮扶产品认定 (oldest first), with
// the price yardstick and the benefit links in numbers; tabs for certified products (to revoke)
// and rejected ones (with the reasons). An admin sees every county and may filter by one.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { certificationQueue, officeCounties, QUEUE_PAGE_SIZE, type QueueStatus } from "@/lib/certification/queue.server";
import { inputClass } from "@/components/ui/styles";
import { LinksSummary, PriceYardstick } from "../_components/facts";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_OF: Record<string, QueueStatus> = { pending: "PENDING_CERTIFICATION", certified: "CERTIFIED", rejected: "REJECTED" };
const VIEWS = ["pending", "certified", "rejected"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "office.queue" });
  return { title: t("title") };
}

export default async function CertificationQueuePage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor || (actor.role !== "OFFICER" && actor.role !== "ADMIN")) notFound();
  const query = await searchParams;
  const view = typeof query.status === "string" && query.status in STATUS_OF ? (query.status as (typeof VIEWS)[number]) : "pending";
  const counties = await officeCounties(actor);
  const isAdmin = actor.role === "ADMIN";
  const countyId = isAdmin && typeof query.county === "string" && counties.some((c) => c.id === query.county) ? query.county : null;
  const { items, count } = await certificationQueue(actor, STATUS_OF[view]!, countyId);
  const [t, e] = await Promise.all([
    getTranslations({ locale, namespace: "office.queue" }),
    getTranslations({ locale, namespace: "enums" }),
  ]);
  const date = shanghaiFormat(locale, { year: "numeric", month: "long", day: "numeric" });
  const hrefOf = (v: string) => `/office/certification?status=${v}${countyId ? `&county=${countyId}` : ""}`;

  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-stone-700">{t("intro")}</p>
      </header>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t("viewsLabel")}>
          <ul className="flex flex-wrap gap-2">
            {VIEWS.map((v) => (
              <li key={v}>
                <LocalLink
                  locale={locale}
                  href={hrefOf(v)}
                  aria-current={v === view ? "page" : undefined}
                  className={`inline-block rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset ${
                    v === view ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-stone-800 ring-stone-300 hover:bg-stone-50"
                  }`}
                >
                  {t(`views.${v}`, { count: count[STATUS_OF[v]!] })}
                </LocalLink>
              </li>
            ))}
          </ul>
        </nav>
        {isAdmin ? (
          <form method="get" className="flex items-end gap-2">
            <input type="hidden" name="status" value={view} />
            <div>
              <label htmlFor="office-county" className="block text-xs font-medium text-stone-700">
                {t("county")}
              </label>
              <select id="office-county" name="county" defaultValue={countyId ?? ""} className={inputClass}>
                <option value="">{t("allCounties")}</option>
                {counties.map((c) => (
                  <option key={c.id} value={c.id}>
                    {localName(locale, c)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="shrink-0 rounded-lg bg-white px-4 py-2.5 text-sm font-semibold text-brand-800 ring-1 ring-inset ring-brand-700/40 hover:bg-brand-50"
            >
              {t("filter")}
            </button>
          </form>
        ) : null}
      </div>

      {items.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 ring-1 ring-stone-200" data-testid="queue-empty">
          {t(`empty.${view}`)}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="certification-queue">
          {items.map(({ product: p, averageFen, links }) => {
            const photo = p.images[0];
            const unit = localText(locale, p.unitZh, p.unitEn);
            return (
              <li key={p.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="queue-item">
                <div className="flex gap-3 sm:gap-4">
                  <div className="relative h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-stone-100 sm:h-24 sm:w-24">
                    {photo ? (
                      // eslint-disable-next-line @next/next/no-img-element -- stored SVG/uploaded photos, served as they are
                      <img src={photo.url} alt="" width={96} height={96} loading="lazy" className="h-full w-full object-cover" />
                    ) : (
                      <span className="flex h-full items-center justify-center p-1 text-center text-xs text-stone-700">{t("noPhoto")}</span>
                    )}
                  </div>
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="font-semibold leading-snug text-stone-900">
                      <LocalLink locale={locale} href={`/office/certification/${p.id}`} className="underline-offset-2 hover:underline">
                        {localName(locale, p)}
                      </LocalLink>
                    </p>
                    <p className="text-xs text-stone-600">{locale === "en" ? p.nameZh : p.nameEn}</p>
                    <p className="text-sm text-stone-700">
                      {localName(locale, p.operator)}
                      <span className="text-stone-500"> · </span>
                      {isAdmin ? `${localName(locale, p.county)} ` : ""}
                      {localName(locale, p.township)} {localName(locale, p.village)}
                    </p>
                    <p className="flex flex-wrap gap-1">
                      <Badge>{e(`category.${p.category}`)}</Badge>
                      {p.giMark ? <Badge tone="gi">{t("gi", { name: localName(locale, p.giMark) })}</Badge> : null}
                      {!p.listed ? <Badge>{t("unlisted")}</Badge> : null}
                    </p>
                  </div>
                </div>
                <div className="mt-3 grid gap-3 border-t border-stone-100 pt-3 sm:grid-cols-2">
                  <PriceYardstick locale={locale} priceFen={p.priceFen} averageFen={averageFen} unit={unit} />
                  <LinksSummary locale={locale} links={links} />
                </div>
                {p.status === "CERTIFIED" && p.certifiedUntil ? (
                  <p className="mt-2 text-sm text-leaf-700">{t("certifiedUntil", { date: date.format(p.certifiedUntil) })}</p>
                ) : null}
                {p.status === "REJECTED" && p.reviewNote ? (
                  <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">{t("reason", { reason: p.reviewNote })}</p>
                ) : null}
                {p.status === "PENDING_CERTIFICATION" ? (
                  <p className="mt-2 text-xs text-stone-600">{t("waitingSince", { date: date.format(p.updatedAt) })}</p>
                ) : null}
                <div className="mt-3">
                  <LocalLink
                    locale={locale}
                    href={`/office/certification/${p.id}`}
                    className="inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                    data-testid="review-link"
                  >
                    {view === "pending" ? t("review") : view === "certified" ? t("openCertified") : t("open")}
                  </LocalLink>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {items.length === QUEUE_PAGE_SIZE ? <p className="text-sm text-stone-600">{t("more", { shown: QUEUE_PAGE_SIZE })}</p> : null}
    </div>
  );
}
