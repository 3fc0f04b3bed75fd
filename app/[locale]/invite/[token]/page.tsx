// An invitation to manage a cooperative or to buy for a buyer organisation: says who invites you to
// which operator or organisation; signed out,
// offers sign-in or sign-up (and brings you back here); signed in, an accept button.
// The token in the URL is the secret: the page is never cached and sends no referrer.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { toShanghaiYmd } from "@/lib/time/shanghai";
import { maskEmail, normaliseEmail } from "@/lib/operators/team";
import { inviteByToken } from "@/lib/operators/operators.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { ResendVerification } from "@/components/account/RecoveryForms";
import { isEmailVerified } from "@/lib/accounts/account.server";
import { AcceptInvite } from "./AcceptInvite";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string; token: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.invite" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
      <h1 className="text-xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

const button = "inline-block rounded-lg px-4 py-2.5 text-center text-sm font-semibold";

export default async function InvitePage({ params }: Props) {
  const { locale: raw, token } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "coop.invite" });
  const o = await getTranslations({ locale, namespace: "organisations.invite" });
  const [invite, actor] = await Promise.all([inviteByToken(token), getActor()]);

  if (!invite) {
    return (
      <Card title={t("invalidTitle")}>
        <p className="text-sm text-stone-700" data-testid="invite-state">
          {t("invalid")}
        </p>
      </Card>
    );
  }
  // An organisation's invitation (lib/operators/team.ts): the same page, its own words.
  const forOrganisation = invite.operator === null;
  const operatorName = localName(locale, (invite.operator ?? invite.organisation)!);
  if (invite.acceptedAt) {
    return (
      <Card title={t("acceptedTitle")}>
        <p className="text-sm text-stone-700" data-testid="invite-state">
          {forOrganisation ? o("accepted", { organisation: operatorName }) : t("accepted", { operator: operatorName })}
        </p>
        {actor ? (
          <LocalLink locale={locale} href={forOrganisation ? "/org" : "/coop"} className={`${button} bg-brand-700 text-white`}>
            {forOrganisation ? o("openPage") : t("openConsole")}
          </LocalLink>
        ) : null}
      </Card>
    );
  }
  if (invite.expiresAt.getTime() <= Date.now()) {
    return (
      <Card title={t("expiredTitle")}>
        <p className="text-sm text-stone-700" data-testid="invite-state">
          {t("expired", { operator: operatorName, date: toShanghaiYmd(invite.expiresAt), inviter: invite.invitedByName })}
        </p>
      </Card>
    );
  }

  const here = localizedPath(locale, `/invite/${token}`);
  const back = `?callbackUrl=${encodeURIComponent(here)}`;
  const sameEmail = actor ? normaliseEmail(actor.email) === normaliseEmail(invite.email) : false;
  const messages = await getMessages({ locale });
  // An invitation goes only to a proven address: an unverified account is asked to verify first.
  const verified = actor && sameEmail ? await isEmailVerified(actor.userId) : true;

  return (
    <Card title={forOrganisation ? o("title") : t("title")}>
      <p className="text-base text-stone-900" data-testid="invite-operator">
        {forOrganisation
          ? o("body", { inviter: invite.invitedByName, organisation: operatorName })
          : t("body", { inviter: invite.invitedByName, operator: operatorName })}
      </p>
      <p className="text-sm text-stone-700">{t("forEmail", { email: maskEmail(invite.email), date: toShanghaiYmd(invite.expiresAt) })}</p>
      {!actor ? (
        <div className="space-y-3">
          <p className="text-sm text-stone-700">{t("signInFirst")}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <a href={`${localizedPath(locale, "/signin")}${back}`} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
              {t("signIn")}
            </a>
            <a
              href={`${localizedPath(locale, "/signup")}${back}`}
              className={`${button} bg-white text-brand-800 ring-1 ring-brand-600 hover:bg-brand-50`}
            >
              {t("signUp")}
            </a>
          </div>
          <p className="text-xs text-stone-600">{t("signUpHint")}</p>
        </div>
      ) : !sameEmail ? (
        <div className="space-y-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="alert" data-testid="invite-wrong-email">
          <p>{t("wrongEmail", { current: actor.email, invited: maskEmail(invite.email) })}</p>
          <LocalLink locale={locale} href="/account" className="font-semibold underline">
            {t("switchAccount")}
          </LocalLink>
        </div>
      ) : (
        <NextIntlClientProvider locale={locale} messages={{ coop: messages.coop, errors: messages.errors, recovery: messages.recovery }}>
          {verified ? (
            <AcceptInvite
              token={token}
              operator={operatorName}
              acceptedNow={forOrganisation ? o("acceptedNow", { organisation: operatorName }) : undefined}
            />
          ) : (
            <ResendVerification email={actor.email} />
          )}
        </NextIntlClientProvider>
      )}
    </Card>
  );
}
