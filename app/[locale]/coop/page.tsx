// /coop: which cooperative's console? A manager of one operator goes straight to it; a manager
// of several picks one; an admin sees every operator, with a search by name or slug.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { pickableOperators } from "@/lib/operators/operators.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { redirectToSignIn } from "@/components/console/sign-in";
import { inputClass } from "@/components/ui/styles";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.picker" });
  return { title: t("title") };
}

export default async function CoopHome({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/coop");
  // The layout has sent other roles away; this is for the page on its own (and for types).
  if (actor.role !== "MANAGER" && actor.role !== "ADMIN") notFound();
  const t = await getTranslations({ locale, namespace: "coop.picker" });
  const e = await getTranslations({ locale, namespace: "enums" });

  const isAdmin = actor.role === "ADMIN";
  const rawQ = (await searchParams).q;
  const q = (typeof rawQ === "string" ? rawQ : "").trim().slice(0, 60);
  const { operators, total } = await pickableOperators(actor, { q, locale });
  if (!isAdmin && operators.length === 1) redirect(localizedPath(locale, `/coop/${operators[0]!.slug}`));

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-stone-700">{isAdmin ? t("introAdmin") : t("intro")}</p>
      </header>

      {isAdmin ? (
        <form method="get" role="search" className="flex gap-2">
          <label htmlFor="coop-q" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="coop-q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={t("searchPlaceholder")}
            className={inputClass}
            maxLength={60}
          />
          <button type="submit" className="shrink-0 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            {t("search")}
          </button>
        </form>
      ) : null}

      {operators.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 ring-1 ring-stone-200">{isAdmin ? t("noMatch") : t("noOperators")}</p>
      ) : (
        <>
          {isAdmin ? (
            <p className="text-sm text-stone-600" data-testid="operator-count">
              {t("count", { shown: operators.length, total })}
            </p>
          ) : null}
          <ul className="divide-y divide-stone-200 overflow-hidden rounded-xl bg-white ring-1 ring-stone-200">
            {operators.map((op) => (
              <li key={op.id}>
                <LocalLink
                  locale={locale}
                  href={`/coop/${op.slug}`}
                  className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-stone-50"
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-stone-900">{localName(locale, op)}</span>
                    <span className="block text-xs text-stone-600">{localName(locale, op.county)}</span>
                  </span>
                  <span className="shrink-0 whitespace-nowrap">
                    <Badge>{e(`operatorKind.${op.kind}`)}</Badge>
                  </span>
                </LocalLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
