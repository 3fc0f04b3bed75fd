// The operator's team: who manages it, who has been invited, and a form to invite a colleague.
// The invitation link is shown once, on this screen, to pass on by WeChat, SMS or e-mail.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requestOrigin } from "@/lib/http/request-origin.server";
import { Badge } from "@/components/ui/Badge";
import { toShanghaiYmd } from "@/lib/time/shanghai";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorTeam } from "@/lib/operators/operators.server";
import { isLocale } from "@/lib/i18n/locales";
import { InviteForm, RevokeInvite } from "@/components/console/TeamForms";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.team" });
  return { title: t("title") };
}

export default async function TeamPage({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { actor, operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "coop.team" });
  const [{ members, invites }, origin] = await Promise.all([operatorTeam(operator.id), requestOrigin()]);

  return (
    <div className="space-y-5">
      <h1 className="text-lg font-bold">{t("title")}</h1>

      <section aria-labelledby="team-members" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="team-members" className="font-semibold">
          {t("members", { count: members.length })}
        </h2>
        {members.length === 0 ? (
          <p className="mt-2 text-sm text-stone-700">{t("noMembers")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100" data-testid="team-members">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium text-stone-900">
                    {m.name}
                    {m.userId === actor.userId ? <span className="ml-2 text-xs font-normal text-stone-600">{t("you")}</span> : null}
                  </span>
                  <span className="block break-all text-stone-600">{m.email}</span>
                </span>
                <span className="text-xs text-stone-600">{t("since", { date: toShanghaiYmd(m.since) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="team-invite" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="team-invite" className="font-semibold">
          {t("inviteTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("inviteIntro")}</p>
        <InviteForm operatorId={operator.id} origin={origin} locale={locale} />
      </section>

      <section aria-labelledby="team-pending" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="team-pending" className="font-semibold">
          {t("pending")}
        </h2>
        {invites.length === 0 ? (
          <p className="mt-2 text-sm text-stone-700">{t("noPending")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100" data-testid="team-invites">
            {invites.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0">
                  <span className="block break-all font-medium text-stone-900">{i.email}</span>
                  <span className="block text-xs text-stone-600">
                    {t("invitedBy", { name: i.invitedByName, date: toShanghaiYmd(i.createdAt) })} ·{" "}
                    {i.expired
                      ? t("expiredOn", { date: toShanghaiYmd(i.expiresAt) })
                      : t("expiresOn", { date: toShanghaiYmd(i.expiresAt) })}
                  </span>
                </span>
                <span className="flex items-center gap-2">
                  {i.expired ? <Badge>{t("expired")}</Badge> : null}
                  <RevokeInvite inviteId={i.id} email={i.email} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
