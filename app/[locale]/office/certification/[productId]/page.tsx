// /office/certification/<productId>: one product under review. Everything the queue shows, plus
// the description and photos (the quality proof for now: no proof upload exists yet), the stock
// ledger's size and the product's audit history; the decisions its status allows. A product of
// another county is the 404 page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/Badge";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { certifyProductAction, rejectProductAction, revokeCertificationAction } from "@/lib/certification/actions";
import { addYears, defaultValidUntil, MAX_VALIDITY_YEARS, todayInChina } from "@/lib/certification/rules";
import { reviewProduct } from "@/lib/certification/queue.server";
import { CertifyForm, ReasonForm } from "../../_components/DecisionForms";
import { LinksSummary, PriceYardstick } from "../../_components/facts";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { Section } from "@/components/console/Section";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string; productId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "office.review" });
  return { title: t("title") };
}

function detailText(detail: unknown): Record<string, string> {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return {};
  return Object.fromEntries(
    Object.entries(detail as Record<string, unknown>)
      .filter(([, v]) => typeof v === "string" || typeof v === "number")
      .map(([k, v]) => [k, String(v)]),
  );
}

export default async function ReviewPage({ params }: Props) {
  const { locale: raw, productId } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor || (actor.role !== "OFFICER" && actor.role !== "ADMIN")) notFound();
  const found = await reviewProduct(actor, productId);
  if (!found) notFound();
  const { product: p, averageFen, links, movementCount, history } = found;
  const [t, q, e, s] = await Promise.all([
    getTranslations({ locale, namespace: "office.review" }),
    getTranslations({ locale, namespace: "office.queue" }),
    getTranslations({ locale, namespace: "enums" }),
    getTranslations({ locale, namespace: "office.status" }),
  ]);
  const date = shanghaiFormat(locale, { year: "numeric", month: "long", day: "numeric" });
  const stamp = shanghaiFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const unit = localText(locale, p.unitZh, p.unitEn);
  const name = localName(locale, p);
  const description = localText(locale, p.descriptionZh, p.descriptionEn);
  const today = todayInChina();
  const view = p.status === "CERTIFIED" ? "certified" : p.status === "REJECTED" ? "rejected" : "pending";
  const knownActions = [
    "product.create",
    "product.update",
    "product.submit",
    "product.certify",
    "product.reject",
    "product.revoke",
    "product.duplicate",
    "product.setListed",
    "product.list",
    "product.delist",
    "product.photo.upload",
    "product.photo.remove",
    "product.photo.move",
    "stock.adjust",
  ];

  return (
    <div className="space-y-4">
      <Breadcrumb
        label={t("breadcrumb")}
        items={[
          {
            key: "queue",
            node: (
              <LocalLink locale={locale} href={`/office/certification?status=${view}`} className="text-brand-800 underline">
                {q("title")}
              </LocalLink>
            ),
          },
          { key: "product", node: <span aria-current="page">{name}</span> },
        ]}
      />
      <header className="space-y-2">
        <h1 className="text-2xl font-bold leading-tight">{name}</h1>
        <p className="text-sm text-stone-600">{locale === "en" ? p.nameZh : p.nameEn}</p>
        <p className="flex flex-wrap items-center gap-1.5">
          <Badge tone={p.status === "CERTIFIED" ? "certified" : p.status === "REJECTED" ? "warn" : "neutral"}>
            <span data-testid="review-status">{s(p.status)}</span>
          </Badge>
          <Badge>{e(`category.${p.category}`)}</Badge>
          {p.giMark ? <Badge tone="gi">{q("gi", { name: localName(locale, p.giMark) })}</Badge> : null}
          {!p.listed ? <Badge>{q("unlisted")}</Badge> : null}
        </p>
        {p.status === "CERTIFIED" && p.certifiedUntil ? (
          <p className="text-sm text-leaf-700">{q("certifiedUntil", { date: date.format(p.certifiedUntil) })}</p>
        ) : null}
        {p.status === "REJECTED" && p.reviewNote ? (
          <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">{q("reason", { reason: p.reviewNote })}</p>
        ) : null}
      </header>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Section title={t("facts")} id="facts">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-stone-600">{t("operator")}</dt>
              <dd>
                <LocalLink locale={locale} href={`/operators/${p.operator.slug}`} className="text-brand-800 underline">
                  {localName(locale, p.operator)}
                </LocalLink>
              </dd>
              <dt className="text-stone-600">{t("origin")}</dt>
              <dd>
                {localName(locale, p.county)} {localName(locale, p.township)} {localName(locale, p.village)}
              </dd>
              <dt className="text-stone-600">{t("spec")}</dt>
              <dd>
                {localText(locale, p.specZh, p.specEn)} · {unit}
              </dd>
              <dt className="text-stone-600">{t("price")}</dt>
              <dd>
                <PriceYardstick locale={locale} priceFen={p.priceFen} averageFen={averageFen} unit={unit} />
              </dd>
              <dt className="text-stone-600">{t("gi")}</dt>
              <dd>
                {p.giMark
                  ? t("giValue", { name: localName(locale, p.giMark), kind: e(`giKind.${p.giMark.kind}`), no: p.giMark.registrationNo })
                  : t("noGi")}
              </dd>
              <dt className="text-stone-600">{t("stock")}</dt>
              <dd data-testid="movement-count">{t("stockValue", { stock: p.stock, unit, count: movementCount })}</dd>
            </dl>
          </Section>

          <Section title={t("links")} id="links">
            <LinksSummary locale={locale} links={links} />
          </Section>

          <Section title={t("proof")} id="proof">
            <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("proofNote")}</p>
            <h3 className="text-sm font-semibold text-stone-800">{t("description")}</h3>
            <p className="mt-1 whitespace-pre-line text-sm text-stone-800">{description || t("noDescription")}</p>
            <h3 className="mt-4 text-sm font-semibold text-stone-800">{t("photos", { count: p.images.length })}</h3>
            {p.images.length === 0 ? (
              <p className="mt-1 text-sm text-red-800">{t("noPhotos")}</p>
            ) : (
              <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
                {p.images.map((img, i) => (
                  <li key={img.url + i}>
                    <a
                      href={img.url}
                      target="_blank"
                      rel="noreferrer"
                      className="block overflow-hidden rounded-lg bg-stone-100 ring-1 ring-stone-200"
                    >
                      {/* eslint-disable-next-line @next/next/no-img-element -- stored photos, served as they are */}
                      <img
                        src={img.url}
                        alt={localText(locale, img.altZh, img.altEn) || t("photoAlt", { name, n: i + 1 })}
                        width={300}
                        height={225}
                        loading="lazy"
                        className="aspect-[4/3] w-full object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>

        <div className="space-y-4">
          <Section title={t("decision")} id="decision">
            {p.status === "PENDING_CERTIFICATION" ? (
              <div className="space-y-5">
                <CertifyForm
                  action={certifyProductAction}
                  productId={p.id}
                  defaultUntil={defaultValidUntil()}
                  min={new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}
                  max={addYears(today, MAX_VALIDITY_YEARS)}
                />
                <div className="border-t border-stone-200 pt-4">
                  <ReasonForm action={rejectProductAction} productId={p.id} mode="reject" />
                </div>
              </div>
            ) : p.status === "CERTIFIED" ? (
              <ReasonForm action={revokeCertificationAction} productId={p.id} mode="revoke" />
            ) : (
              <p className="text-sm text-stone-700">{p.status === "REJECTED" ? t("rejectedNext") : t("draftNext")}</p>
            )}
          </Section>

          <Section title={t("history")} id="history">
            {history.length === 0 ? (
              <p className="text-sm text-stone-700">{t("noHistory")}</p>
            ) : (
              <ol className="space-y-3 text-sm" data-testid="audit-history">
                {history.map((h) => {
                  const d = detailText(h.detail);
                  const decision = h.action === "product.certify" || h.action === "product.reject" || h.action === "product.revoke";
                  const extra = !decision
                    ? ""
                    : d.until
                      ? t("historyUntil", { date: date.format(new Date(d.until)) })
                      : d.note
                        ? t("historyReason", { reason: d.note })
                        : "";
                  return (
                    <li key={h.id} className="border-l-2 border-stone-200 pl-3">
                      <p className="font-medium text-stone-900">
                        {knownActions.includes(h.action) ? t(`actions.${h.action.replaceAll(".", "_")}`) : h.action}
                      </p>
                      <p className="text-xs text-stone-600">
                        <time dateTime={h.createdAt.toISOString()}>{stamp.format(h.createdAt)}</time> ·{" "}
                        {h.user ? `${h.user.name} (${h.user.email})` : t("system")}
                      </p>
                      {extra ? <p className="mt-0.5 text-stone-800">{extra}</p> : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
