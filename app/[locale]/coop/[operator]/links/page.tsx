// The operator's benefit links (利益联结): who earns from which sales, by what rule, since when.
// Shows how much of each product's sale is already promised, so a clerk sees the room left.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { formatBps } from "@/lib/benefits/amounts";
import { shanghaiToday, toShanghaiYmd } from "@/lib/time/shanghai";
import { linkState } from "@/lib/benefits/links";
import { LINKS_PAGE_SIZE } from "@/lib/benefits/queries";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorLinks, operatorProductChoices, operatorPromisedNow } from "@/lib/benefits/benefits.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { HouseholdSummary } from "../../_components/HouseholdSummary";
import { LinkActions } from "./LinkActions";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { pageParam } from "@/lib/paging";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "benefits.links" });
  return { title: t("title") };
}

const STATES = ["current", "ended"] as const;
type StateFilter = (typeof STATES)[number];

export default async function LinksPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "benefits.links" });
  const b = await getTranslations({ locale, namespace: "benefits" });
  const sp = await searchParams;
  const state: StateFilter = sp.state === "ended" ? "ended" : "current";
  const now = new Date();
  const today = shanghaiToday(now);

  const pageNo = pageParam(sp.page);
  const [{ rows: links, total }, promised, productCount] = await Promise.all([
    operatorLinks(operator.id, { state, now, page: pageNo }),
    operatorPromisedNow(operator.id, now),
    operatorProductChoices(operator.id).then((p) => p.length),
  ]);
  const pages = Math.max(1, Math.ceil(total / LINKS_PAGE_SIZE));
  const base = `/coop/${operator.slug}/links`;
  const pageHref = (n: number) => {
    const q = new URLSearchParams();
    if (state !== "current") q.set("state", state);
    if (n > 1) q.set("page", String(n));
    const qs = q.toString();
    return qs ? `${base}?${qs}` : base;
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocalLink
          locale={locale}
          href={`${base}/new`}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("new")}
        </LocalLink>
      </div>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      {sp.created === "1" ? (
        <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700" role="status">
          {t("created")}
        </p>
      ) : null}

      {promised.length ? (
        <section aria-labelledby="links-budget" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="links-budget" className="font-semibold">
            {t("budgetTitle")}
          </h2>
          <p className="mt-1 text-xs text-stone-600">{t("budgetHint", { products: productCount })}</p>
          {(() => {
            const line = (p: (typeof promised)[number]) => (
              <li key={p.productId ?? ""} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
                <span className="min-w-0">{p.productId ? localText(locale, p.nameZh ?? "", p.nameEn ?? "") : t("operatorWide")}</span>
                <span className="tabular-nums text-stone-800">
                  {[
                    p.bps ? t("budgetPercent", { percent: formatBps(p.bps) }) : null,
                    p.fenPerUnit ? t("budgetFixed", { amount: formatFen(p.fenPerUnit) }) : null,
                  ]
                    .filter(Boolean)
                    .join(locale === "en" ? " + " : " ＋ ")}
                  <span className="ml-2 text-xs text-stone-600">{t("linkCount", { count: p.links })}</span>
                </span>
              </li>
            );
            const general = promised.filter((p) => p.productId === null);
            const own = promised.filter((p) => p.productId !== null);
            return (
              <div data-testid="link-budgets">
                <ul className="mt-2 divide-y divide-stone-100 text-sm">{general.map(line)}</ul>
                {own.length > 0 && own.length <= 4 ? (
                  <ul className="divide-y divide-stone-100 border-t border-stone-100 text-sm">{own.map(line)}</ul>
                ) : null}
                {own.length > 4 ? (
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer py-1.5 font-medium text-brand-700">
                      {t("budgetProducts", { count: own.length })}
                    </summary>
                    <ul className="divide-y divide-stone-100">{own.map(line)}</ul>
                  </details>
                ) : null}
              </div>
            );
          })()}
        </section>
      ) : null}

      <nav aria-label={t("filterLabel")} className="flex gap-2">
        {STATES.map((s) => (
          <LocalLink
            key={s}
            locale={locale}
            href={s === "current" ? base : `${base}?state=${s}`}
            aria-current={state === s ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ${state === s ? "bg-stone-900 text-white ring-stone-900" : "bg-white text-stone-800 ring-stone-300"}`}
          >
            {t(`filter.${s}`)}
          </LocalLink>
        ))}
      </nav>

      {total > 0 ? (
        <p className="text-sm text-stone-600" data-testid="link-total">
          {t("total", { count: total })}
        </p>
      ) : null}
      {links.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 ring-1 ring-stone-200">
          {state === "current" ? t("noneCurrent") : t("noneEnded")}
        </p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" data-testid="link-list">
          {links.map((l) => {
            const st = linkState(l, now);
            const from = toShanghaiYmd(l.validFrom);
            const to = l.validTo ? toShanghaiYmd(l.validTo) : null;
            return (
              <li key={l.id} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="link-item">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <HouseholdSummary locale={locale} household={l.household} compact />
                  <Badge tone={st === "active" ? "certified" : st === "scheduled" ? "gi" : "neutral"}>{t(`state.${st}`)}</Badge>
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-600">{t("scope")}</dt>
                  <dd>{l.product ? localName(locale, l.product) : t("operatorWide")}</dd>
                  <dt className="text-stone-600">{t("mechanism")}</dt>
                  <dd>{b(`mechanism.${l.mechanism}`)}</dd>
                  <dt className="text-stone-600">{t("rule")}</dt>
                  <dd className="font-medium" data-testid="link-rule">
                    {l.rule === "PERCENT_OF_SALES"
                      ? t("rulePercent", { percent: formatBps(l.bps ?? 0) })
                      : t("ruleFixed", { amount: formatFen(l.fenPerUnit ?? 0) })}
                  </dd>
                  <dt className="text-stone-600">{t("validity")}</dt>
                  <dd>{to ? t("validRange", { from, to }) : t("validOpen", { from })}</dd>
                  <dt className="text-stone-600">{t("allocations")}</dt>
                  <dd>{t("allocationCount", { count: l.allocationCount })}</dd>
                </dl>
                <LinkActions
                  linkId={l.id}
                  canEnd={st !== "ended"}
                  canDelete={l.allocationCount === 0}
                  today={today}
                  minEnd={today > from ? today : from}
                  maxEnd={to ?? undefined}
                />
              </li>
            );
          })}
        </ul>
      )}
      <Pager locale={locale} page={pageNo} pages={pages} href={pageHref} />
    </div>
  );
}
