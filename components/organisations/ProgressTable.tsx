// Every organisation's progress this year (预留份额 and purchases), for the admin and the county
// office: a table on wide screens that scrolls sideways on a phone. A server component; the rows
// come from lib/organisations (organisationProgress). `hrefOf` links a row (the admin's edit page).
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { ProgressBar } from "./ProgressBar";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import type { ProgressRow } from "@/lib/organisations/overview";

const fen = (v: bigint) => formatFen(Number(v));
const cell = "px-3 py-2 align-top";
// Amounts never wrap: on a phone the table scrolls sideways instead.
const amount = `${cell} whitespace-nowrap text-right tabular-nums`;

export async function ProgressTable({
  locale,
  rows,
  year,
  hrefOf,
  showFromCounty = false,
}: {
  locale: Locale;
  rows: ProgressRow[];
  year: number;
  hrefOf?: (id: string) => string;
  showFromCounty?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: "organisations" });
  if (rows.length === 0) return <p className="text-sm text-stone-700">{t("progress.none")}</p>;
  return (
    <div
      className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
      tabIndex={0}
      aria-label={t("progress.caption", { year })}
    >
      <table className="w-full min-w-[52rem] text-sm" data-testid="progress-table">
        <caption className="sr-only">{t("progress.caption", { year })}</caption>
        <thead className="bg-stone-50 text-left text-xs text-stone-700">
          <tr>
            <th scope="col" className={cell}>
              {t("progress.organisation")}
            </th>
            <th scope="col" className={cell}>
              {t("progress.kind")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("progress.budget")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("progress.quota")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("progress.counted")}
            </th>
            {showFromCounty ? (
              <th scope="col" className={`${cell} text-right`}>
                {t("progress.fromCounty")}
              </th>
            ) : null}
            <th scope="col" className={cell}>
              {t("progress.progress")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("progress.remaining")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => {
            const name = localName(locale, r);
            const q = r.quota;
            return (
              <tr key={r.id} data-testid="progress-row" data-id={r.id}>
                <th scope="row" className={`${cell} min-w-[13rem] text-left font-medium`}>
                  {hrefOf ? (
                    <LocalLink locale={locale} href={hrefOf(r.id)} className="text-brand-800 underline">
                      {name}
                    </LocalLink>
                  ) : (
                    name
                  )}
                  <span className="block text-xs font-normal text-stone-600">
                    {localName(locale, r.region)}
                    {r.parentUnit ? ` · ${t("progress.countsToward", { unit: localName(locale, r.parentUnit) })}` : ""}
                    {r.disabled ? ` · ${t("page.disabled")}` : ""}
                  </span>
                </th>
                <td className={`${cell} min-w-[7rem]`}>
                  {t(`kinds.${r.kind}`)}
                  {r.kind === "BUDGET_UNIT" && !r.hasCanteen ? (
                    <span className="block text-xs text-stone-600">{t("page.noCanteen")}</span>
                  ) : null}
                </td>
                <td className={amount}>{q?.budgetFen ? fen(q.budgetFen) : "—"}</td>
                <td className={amount}>
                  {q?.budgetFen ? fen(q.progress.quotaFen) : "—"}
                  {q ? <span className="block text-xs text-stone-600">{q.bps / 100}%</span> : null}
                </td>
                <td className={amount} data-testid="progress-counted">
                  {fen(r.countedFen)}
                </td>
                {showFromCounty ? <td className={amount}>{fen(r.fromCountyFen ?? 0n)}</td> : null}
                <td className={cell}>
                  {q && q.progress.progressBps !== null ? (
                    <ProgressBar bps={q.progress.progressBps} label={t("progress.progressOf", { name })} compact />
                  ) : q && q.budgetFen === null ? (
                    <span className="text-xs text-amber-900">{t("progress.notDeclared")}</span>
                  ) : (
                    <span className="text-xs text-stone-600">{t("progress.noQuota")}</span>
                  )}
                </td>
                <td className={amount}>{q?.budgetFen ? fen(q.progress.remainingFen) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
