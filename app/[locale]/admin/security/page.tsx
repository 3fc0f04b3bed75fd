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
import { shanghaiFormat } from "@/lib/time/shanghai";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "security.admin" });
  return { title: t("title"), robots: { index: false } };
}

const card = "space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-6";

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
  const when = shanghaiFormat(locale, { dateStyle: "short", timeStyle: "medium" });
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
          <ul className="divide-y divide-stone-100 text-sm" data-testid="security-alerts">
            {alerts.map((a) => {
              const kind = `kinds.${a.action.replace(/^security\./, "")}`;
              const detail = detailOf(a.action, a.detail);
              return (
                <li key={a.id} className="space-y-0.5 py-2.5" data-testid="security-alert" data-kind={a.action}>
                  <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span className="font-medium">{t.has(kind) ? t(kind) : a.action}</span>
                    <time className="text-stone-600" dateTime={a.createdAt.toISOString()}>
                      {when.format(a.createdAt)}
                    </time>
                  </p>
                  <p className="text-stone-700 [overflow-wrap:anywhere]">
                    {t("who")}: {a.actorEmail ?? t("system")}
                    {detail ? ` · ${detail}` : ""}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
