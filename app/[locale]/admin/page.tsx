// The admin home: platform figures per day for the last two weeks (orders paid, GMV, assistance
// sales, new users, new operators) and the two queues that need the admin.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { adminFigures } from "@/lib/admin/queries.server";
import { applicationCount } from "@/lib/applications/queries.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { formatFen } from "@/lib/money";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "admin" }))("home.title") };
}

export default async function AdminHome({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "admin.home" });
  const [days, waiting] = await Promise.all([adminFigures(), applicationCount("RECOMMENDED")]);
  const sum = (k: "orders" | "gmvFen" | "assistanceFen" | "newUsers" | "newOperators") => days.reduce((s, d) => s + d[k], 0);
  const cards: [string, string, string][] = [
    [t("orders"), sum("orders").toLocaleString(locale), "fig-orders"],
    [t("gmv"), formatFen(sum("gmvFen")), "fig-gmv"],
    [t("assistance"), formatFen(sum("assistanceFen")), "fig-assistance"],
    [t("newUsers"), sum("newUsers").toLocaleString(locale), "fig-users"],
    [t("newOperators"), sum("newOperators").toLocaleString(locale), "fig-operators"],
  ];
  const dayName = (d: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", weekday: "short" }).format(
      new Date(`${d}T00:00:00Z`),
    );
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {waiting > 0 ? (
        <p className="rounded-xl bg-brand-50 p-4 text-sm ring-1 ring-brand-700/20">
          <LocalLink locale={locale} href="/admin/applications?status=RECOMMENDED" className="font-semibold text-brand-700 underline">
            {t("waiting", { count: waiting })}
          </LocalLink>
        </p>
      ) : null}
      <p className="text-sm text-stone-700">{t("period")}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {cards.map(([label, value, id]) => (
          <div key={id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid={id}>
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="mt-1 break-words text-xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
      <div
        className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
        tabIndex={0}
        role="region"
        aria-label={t("tableCaption")}
      >
        <table className="w-full min-w-[34rem] text-sm" data-testid="admin-figures">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("day")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("orders")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("gmv")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("assistance")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("newUsers")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("newOperators")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                  {dayName(d.day)}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{d.orders}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatFen(d.gmvFen)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatFen(d.assistanceFen)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{d.newUsers}</td>
                <td className="px-3 py-2 text-right tabular-nums">{d.newOperators}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-stone-600">{t("definitions")}</p>
    </div>
  );
}
