// /office/households/<id>: one registered household: facts (ID number masked), its benefit
// links, payouts, earnings from sales by month (the Allocation ledger), the status history and
// who viewed the ID number (AuditLog rows), with the forms to reveal the ID (reason required)
// and change the status. A household of another county is the 404 page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { todayInChina } from "@/lib/certification/rules";
import { revealHouseholdIdAction, setHouseholdStatusAction } from "@/lib/households/actions";
import { HOUSEHOLD_STATUSES, householdPage } from "@/lib/households/registry.server";
import { RevealForm, StatusForm } from "../_components/HouseholdForms";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { Section } from "@/components/console/Section";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string; id: string }> };

const STATUS_TONE = { NOT_LIFTED: "warn", LIFTED: "certified", MONITORED: "gi" } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "office.households" });
  return { title: t("title") };
}

function detailOf(detail: unknown): Record<string, string> {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return {};
  return Object.fromEntries(
    Object.entries(detail as Record<string, unknown>)
      .filter(([, v]) => typeof v === "string")
      .map(([k, v]) => [k, v as string]),
  );
}

export default async function HouseholdPage({ params }: Props) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor || (actor.role !== "OFFICER" && actor.role !== "ADMIN")) notFound();
  const found = await householdPage(actor, id);
  if (!found) notFound();
  const { household: h, links, payouts, months, reveals, statusChanges } = found;
  const [t, e] = await Promise.all([
    getTranslations({ locale, namespace: "office.households" }),
    getTranslations({ locale, namespace: "enums" }),
  ]);
  const utcDay = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
  const stamp = shanghaiFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const statusLabel = (s: string) =>
    (HOUSEHOLD_STATUSES as readonly string[]).includes(s) ? t(`statuses.${s as (typeof HOUSEHOLD_STATUSES)[number]}`) : s;
  const today = todayInChina();
  const dt = "text-xs font-medium text-stone-600";

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <LocalLink locale={locale} href="/office/households" className="text-brand-800 underline">
          ← {t("title")}
        </LocalLink>
      </p>
      <header className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold">{t("detailTitle", { code: h.registryCode })}</h1>
        <Badge tone={STATUS_TONE[h.status]}>{t(`statuses.${h.status}`)}</Badge>
      </header>

      <Section title={t("facts")} id="hh-facts">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className={dt}>{t("name")}</dt>
            <dd data-testid="household-head">{h.headName}</dd>
          </div>
          <div>
            <dt className={dt}>{t("code")}</dt>
            <dd className="font-mono">{h.registryCode}</dd>
          </div>
          <div>
            <dt className={dt}>{t("idMasked")}</dt>
            <dd className="font-mono" data-testid="household-masked-id">
              {h.idNumberMasked}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className={dt}>{t("place")}</dt>
            <dd>
              {localName(locale, h.county)} {localName(locale, h.township)} {localName(locale, h.village)}
            </dd>
          </div>
          <div>
            <dt className={dt}>{t("members")}</dt>
            <dd>{t("membersValue", { count: h.members })}</dd>
          </div>
          <div>
            <dt className={dt}>{t("year")}</dt>
            <dd>{h.yearIdentified}</dd>
          </div>
        </dl>
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("reveal")} id="hh-reveal">
          <RevealForm action={revealHouseholdIdAction} householdId={h.id} />
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t("revealHistory")}</h3>
          {reveals.length === 0 ? (
            <p className="text-sm text-stone-600">{t("noReveals")}</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="reveal-history">
              {reveals.map((r) => (
                <li key={r.id} className="rounded-lg bg-stone-50 px-3 py-2">
                  <span className="text-stone-600">{stamp.format(r.createdAt)}</span> ·{" "}
                  <span className="font-medium">{r.user?.name ?? "—"}</span>
                  <span className="block text-stone-800">
                    {t("why")}: {detailOf(r.detail).reason ?? ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section title={t("changeStatus")} id="hh-status">
          <StatusForm
            action={setHouseholdStatusAction}
            householdId={h.id}
            current={h.status}
            today={today}
            statuses={HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          />
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t("statusHistory")}</h3>
          {statusChanges.length === 0 ? (
            <p className="text-sm text-stone-600">{t("noStatusChanges")}</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="status-history">
              {statusChanges.map((r) => {
                const d = detailOf(r.detail);
                return (
                  <li key={r.id} className="rounded-lg bg-stone-50 px-3 py-2">
                    <span className="font-medium">{t("change", { from: statusLabel(d.from ?? ""), to: statusLabel(d.to ?? "") })}</span>
                    {d.effectiveOn ? <span className="text-stone-700"> · {t("effective", { date: d.effectiveOn })}</span> : null}
                    <span className="block text-stone-600">
                      {stamp.format(r.createdAt)} · {r.user?.name ?? "—"}
                    </span>
                    {d.note ? <span className="block text-stone-800">{d.note}</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Section>
      </div>

      <Section title={t("links")} id="hh-links">
        {links.length === 0 ? (
          <p className="text-sm text-stone-600">{t("noLinks")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 text-sm" data-testid="household-links">
            {links.map((l) => (
              <li key={l.id} className="py-2">
                <p className="font-medium">
                  {localName(locale, l.operator)} · {l.product ? localName(locale, l.product) : t("operatorWide")}
                </p>
                <p className="flex flex-wrap items-center gap-2 text-stone-700">
                  <Badge>{e(`mechanism.${l.mechanism}`)}</Badge>
                  <span>
                    {l.rule === "PERCENT_OF_SALES"
                      ? t("percentRule", { pct: ((l.bps ?? 0) / 100).toLocaleString(locale, { maximumFractionDigits: 2 }) })
                      : t("fixedRule", { amount: formatFen(l.fenPerUnit ?? 0) })}
                  </span>
                  <span className="text-stone-600">
                    {t("validity")}:{" "}
                    {l.validTo
                      ? t("validRange", { from: utcDay.format(l.validFrom), to: utcDay.format(l.validTo) })
                      : t("validOpen", { from: utcDay.format(l.validFrom) })}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("payouts")} id="hh-payouts">
          {payouts.length === 0 ? (
            <p className="text-sm text-stone-600">{t("noPayouts")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 text-sm" data-testid="household-payouts">
              {payouts.map((p) => (
                <li key={p.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>
                    {utcDay.format(p.paidOn)} · {localName(locale, p.operator)} · {e(`mechanism.${p.mechanism}`)}
                    {p.note ? <span className="block text-stone-600">{p.note}</span> : null}
                  </span>
                  <span className="font-semibold tabular-nums">{formatFen(p.amountFen)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section title={t("allocations")} id="hh-allocations">
          {months.length === 0 ? (
            <p className="text-sm text-stone-600" data-testid="allocations-none">
              {t("noAllocations")}
            </p>
          ) : (
            <ul className="divide-y divide-stone-100 text-sm" data-testid="household-allocations">
              {months.map((m) => (
                <li key={m.month} className="flex justify-between py-2">
                  <span>{m.month}</span>
                  <span className="font-semibold tabular-nums">{formatFen(m.fen)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </div>
  );
}
