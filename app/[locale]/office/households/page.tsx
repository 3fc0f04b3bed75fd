// /office/households: the county's registered households (建档立卡户). Filters (registry code
// prefix, head's name, township, village, status; county for an admin) and the page all live in
// the URL (a GET form). Names are shown (the office runs the registry); ID numbers only masked.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { officeCounties } from "@/lib/certification/queue.server";
import {
  HOUSEHOLD_STATUSES,
  householdList,
  householdPlaces,
  parseHouseholdFilters,
  type HouseholdFilters,
} from "@/lib/households/registry.server";
import { inputClass } from "@/components/ui/styles";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "office.households" });
  return { title: t("title") };
}

const STATUS_TONE = { NOT_LIFTED: "warn", LIFTED: "certified", MONITORED: "gi" } as const;

function queryOf(f: HouseholdFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ["code", "name", "county", "township", "village", "status"] as const) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  return q;
}

function hrefWith(f: HouseholdFilters, page: number): string {
  const q = queryOf(f);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return `/office/households${s ? `?${s}` : ""}`;
}

/** The XLSX export of what the list shows (app/api/office/households/export/route.ts). */
function exportHref(f: HouseholdFilters): string {
  const s = queryOf(f).toString();
  return `/api/office/households/export${s ? `?${s}` : ""}`;
}

export default async function HouseholdsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor || (actor.role !== "OFFICER" && actor.role !== "ADMIN")) notFound();
  const isAdmin = actor.role === "ADMIN";
  const counties = isAdmin ? await officeCounties(actor) : [];
  const parsed = parseHouseholdFilters(await searchParams);
  const filters: HouseholdFilters = {
    ...parsed,
    county: isAdmin && counties.some((c) => c.id === parsed.county) ? parsed.county : undefined,
  };
  const [{ total, items, page, pages }, places, t, r] = await Promise.all([
    householdList(actor, filters),
    householdPlaces(actor, filters.county, filters.township),
    getTranslations({ locale, namespace: "office.households" }),
    getTranslations({ locale, namespace: "registry" }),
  ]);
  const label = "block text-xs font-medium text-stone-700";
  const toolClass =
    "rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-800 ring-1 ring-inset ring-brand-700/40 hover:bg-brand-50";

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 basis-72 space-y-1">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-sm text-stone-700">{t("intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <LocalLink locale={locale} href="/office/households/import" className={toolClass} data-testid="household-import-link">
            {r("import.link")}
          </LocalLink>
          <a href={exportHref(filters)} download title={r("export.hint")} className={toolClass} data-testid="household-export-link">
            {r("export.link")}
          </a>
        </div>
      </header>

      <form
        method="get"
        role="search"
        aria-label={t("search")}
        className="grid grid-cols-2 gap-3 rounded-xl bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3 lg:grid-cols-4"
        data-testid="household-search"
      >
        <div>
          <label htmlFor="hh-code" className={label}>
            {t("code")}
          </label>
          <input
            id="hh-code"
            name="code"
            defaultValue={filters.code ?? ""}
            placeholder={t("codeHint")}
            inputMode="numeric"
            autoComplete="off"
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="hh-name" className={label}>
            {t("name")}
          </label>
          <input id="hh-name" name="name" defaultValue={filters.name ?? ""} autoComplete="off" className={inputClass} />
        </div>
        {isAdmin ? (
          <div>
            <label htmlFor="hh-county" className={label}>
              {t("county")}
            </label>
            <select id="hh-county" name="county" defaultValue={filters.county ?? ""} className={inputClass}>
              <option value="">{t("allCounties")}</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {localName(locale, c)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="hh-township" className={label}>
            {t("township")}
          </label>
          <select id="hh-township" name="township" defaultValue={filters.township ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {places.townships.map((r) => (
              <option key={r.id} value={r.id}>
                {localName(locale, r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="hh-village" className={label}>
            {t("village")}
          </label>
          <select id="hh-village" name="village" defaultValue={filters.village ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {places.villages.map((r) => (
              <option key={r.id} value={r.id}>
                {localName(locale, r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="hh-status" className={label}>
            {t("status")}
          </label>
          <select id="hh-status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {HOUSEHOLD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          <LocalLink
            locale={locale}
            href="/office/households"
            className="rounded-lg px-3 py-2.5 text-sm font-medium text-brand-800 underline"
          >
            {t("clear")}
          </LocalLink>
        </div>
      </form>

      <p className="text-sm text-stone-700" data-testid="household-count" role="status">
        {t("count", { count: total })}
      </p>

      {items.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 ring-1 ring-stone-200" data-testid="households-empty">
          {t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-stone-200">
          <table className="w-full text-left text-sm" data-testid="households-table">
            <thead className="bg-stone-50 text-xs text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("code")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("name")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("village")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("members")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("status")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("idMasked")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("year")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {items.map((h) => (
                <tr key={h.id} data-testid="household-row">
                  <td className="whitespace-nowrap px-3 py-2 font-mono">
                    <LocalLink locale={locale} href={`/office/households/${h.id}`} className="text-brand-800 underline underline-offset-2">
                      {h.registryCode}
                    </LocalLink>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{h.headName}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {isAdmin ? `${localName(locale, h.county)} ` : ""}
                    {localName(locale, h.township)} {localName(locale, h.village)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{h.members}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <Badge tone={STATUS_TONE[h.status]}>{t(`statuses.${h.status}`)}</Badge>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono" data-testid="household-masked-id">
                    {h.idNumberMasked}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{h.yearIdentified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager locale={locale} page={page} pages={pages} href={(p) => hrefWith(filters, p)} />
    </div>
  );
}
