// /admin/security: accounts whose sign-ins are held back (delays, challenge) with a button to
// clear them, and the recent security alerts (many ID reveals, cross-county import look-ups,
// challenges started, records cleared). Admins only; anyone else gets the 404 page.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { pickMessages } from "@/components/auth/messages";
import { getActor } from "@/lib/auth/session.server";
import { securityOverview } from "@/lib/admin/security.server";
import { clearSignInFailuresAction } from "@/lib/admin/security-actions";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { redirectToSignIn } from "@/components/console/sign-in";
import { ClearFailuresButton } from "./ClearFailuresButton";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "security.admin" });
  return { title: t("title"), robots: { index: false } };
}

const card = "space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-6";
const th = "px-2 py-2 text-left font-semibold text-stone-700";
const td = "px-2 py-2 align-top";

export default async function AdminSecurityPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/admin/security");
  if (actor.role !== "ADMIN") notFound();
  const [t, messages, { held, alerts }] = await Promise.all([
    getTranslations({ locale, namespace: "security.admin" }),
    getMessages({ locale }),
    securityOverview(),
  ]);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  const detailOf = (action: string, detail: unknown) => {
    const d = (detail ?? {}) as { revealsLastHour?: number; count?: number };
    if (action === "security.revealAlert" && d.revealsLastHour) return t("revealDetail", { count: d.revealsLastHour });
    if (action === "security.importCrossCounty" && d.count) return t("importDetail", { count: d.count });
    return "";
  };
  return (
    <div className="mx-auto w-full max-w-4xl space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section aria-labelledby="held-title" className={card}>
        <h2 id="held-title" className="text-lg font-semibold">
          {t("heldTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("heldHint")}</p>
        {held.length === 0 ? (
          <p className="text-sm text-stone-600" data-testid="held-empty">
            {t("heldEmpty")}
          </p>
        ) : (
          <NextIntlClientProvider locale={locale} messages={pickMessages(messages, ["security", "errors"])}>
            <ul className="divide-y divide-stone-100" data-testid="held-accounts">
              {held.map((h) => (
                <li key={h.userId} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="held-account">
                  <div className="min-w-0 space-y-0.5">
                    <p className="font-medium [overflow-wrap:anywhere]">{h.email}</p>
                    <p className="text-stone-600">
                      {t("failures")} {h.failures} · {t("lastFailure")} {when.format(h.lastFailure)} ·{" "}
                      <span className={h.challenged ? "font-semibold text-red-800" : "text-amber-800"}>
                        {h.challenged ? t("challenged") : t("delayed")}
                      </span>
                    </p>
                  </div>
                  <ClearFailuresButton action={clearSignInFailuresAction} userId={h.userId} />
                </li>
              ))}
            </ul>
          </NextIntlClientProvider>
        )}
      </section>
      <section aria-labelledby="alerts-title" className={card}>
        <h2 id="alerts-title" className="text-lg font-semibold">
          {t("alertsTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("alertsHint")}</p>
        {alerts.length === 0 ? (
          <p className="text-sm text-stone-600">{t("alertsEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm" data-testid="security-alerts">
              <thead className="border-b border-stone-200">
                <tr>
                  <th className={th}>{t("time")}</th>
                  <th className={th}>{t("kind")}</th>
                  <th className={th}>{t("who")}</th>
                  <th className={th}>{t("detail")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {alerts.map((a) => (
                  <tr key={a.id} data-testid="security-alert" data-kind={a.action}>
                    <td className={`${td} whitespace-nowrap`}>{when.format(a.createdAt)}</td>
                    <td className={td}>{t.has(`kinds.${a.action}`) ? t(`kinds.${a.action}`) : a.action}</td>
                    <td className={`${td} [overflow-wrap:anywhere]`}>{a.actorEmail ?? t("system")}</td>
                    <td className={td}>{detailOf(a.action, a.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
