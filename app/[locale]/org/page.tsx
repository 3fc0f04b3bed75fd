// /org: the buyer organisations the signed-in user belongs to. With exactly one, straight to its page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { redirectToSignIn } from "@/components/console/sign-in";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { myOrganisations } from "@/lib/organisations/organisations.server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "organisations.page" });
  return { title: t("mine"), robots: { index: false } };
}

export default async function MyOrganisationsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/org");
  const organisations = await myOrganisations(actor.userId);
  if (organisations.length === 1) redirect(localizedPath(locale, `/org/${organisations[0]!.id}`));
  const t = await getTranslations({ locale, namespace: "organisations" });
  return (
    <div className="mx-auto w-full max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("page.mine")}</h1>
      {organisations.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 shadow-sm ring-1 ring-stone-200">{t("page.none")}</p>
      ) : (
        <ul className="space-y-2" data-testid="my-organisations">
          {organisations.map((o) => (
            <li key={o.id}>
              <LocalLink
                locale={locale}
                href={`/org/${o.id}`}
                className="flex items-center justify-between gap-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200 hover:bg-brand-50"
              >
                <span className="min-w-0">
                  <span className="block font-semibold text-brand-800">{localName(locale, o)}</span>
                  <span className="block text-xs text-stone-600">
                    {t(`kinds.${o.kind}`)}
                    {o.isManager ? ` · ${t("page.manager")}` : ""}
                  </span>
                </span>
                <span aria-hidden className="text-stone-500">
                  →
                </span>
              </LocalLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
