"use client";
// The campaign form of the cooperative console: the texts (zh and en), the host, the window in
// China's time, the limit per buyer, and for each of the operator's products ticked, its campaign
// price (yuan) and allotment. Every refusal is shown beside its field, in the user's language.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { createCampaignAction, updateCampaignAction } from "@/lib/campaigns/actions";

export interface CampaignProductOption {
  id: string;
  name: string;
  spec: string;
  price: string; // the shelf price, "¥29.90"
  stock: number;
}

export interface CampaignDraft {
  id: string;
  titleZh: string;
  titleEn: string;
  hostZh: string;
  hostEn: string;
  startsAt: string; // datetime-local, China's time
  endsAt: string;
  perBuyerLimit: number;
  items: Record<string, { price: string; allotment: number }>;
}

export function CampaignForm({
  operatorId,
  products,
  draft,
  defaults,
  doneHref,
}: {
  operatorId: string;
  products: CampaignProductOption[];
  draft?: CampaignDraft;
  defaults: { startsAt: string; endsAt: string };
  doneHref: string;
}) {
  const t = useTranslations("campaigns.form");
  const e = useTranslations("errors");
  const router = useRouter();
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(Object.keys(draft?.items ?? {})));
  const { state, pending, onSubmit } = useActionForm(draft ? updateCampaignAction : createCampaignAction);
  // A product's tick shows its price and allotment fields (state): a tick before hydration would
  // check the box and show nothing, so the boxes wait for it.
  const hydrated = useHydrated();
  const errors = (name: string) => fieldErrors(state, name);
  const aria = (id: string, name: string) => (errors(name) ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {});

  useEffect(() => {
    if (state?.ok) router.push(doneHref);
  }, [state, router, doneHref]);

  const toggle = (id: string) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const text = (name: "titleZh" | "titleEn" | "hostZh" | "hostEn", maxLength: number, hint?: string) => (
    <Field id={`campaign-${name}`} label={t(name)} hint={hint} errors={errors(name)}>
      <input
        id={`campaign-${name}`}
        name={name}
        defaultValue={draft?.[name] ?? ""}
        maxLength={maxLength}
        autoComplete="off"
        className={inputClass}
        {...aria(`campaign-${name}`, name)}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-5" aria-label={draft ? t("editTitle") : t("newTitle")} noValidate>
      <input type="hidden" name="operatorId" value={operatorId} />
      {draft ? <input type="hidden" name="campaignId" value={draft.id} /> : null}

      <div className="grid gap-4 sm:grid-cols-2">
        {text("titleZh", 60, t("titleZhHint"))}
        {text("titleEn", 80)}
        {text("hostZh", 40)}
        {text("hostEn", 60, t("hostEnHint"))}
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="campaign-startsAt" label={t("startsAt")} hint={t("timeHint")} errors={errors("startsAt")}>
          <input
            id="campaign-startsAt"
            name="startsAt"
            type="datetime-local"
            defaultValue={draft?.startsAt ?? defaults.startsAt}
            className={inputClass}
            {...aria("campaign-startsAt", "startsAt")}
          />
        </Field>
        <Field id="campaign-endsAt" label={t("endsAt")} errors={errors("endsAt")}>
          <input
            id="campaign-endsAt"
            name="endsAt"
            type="datetime-local"
            defaultValue={draft?.endsAt ?? defaults.endsAt}
            className={inputClass}
            {...aria("campaign-endsAt", "endsAt")}
          />
        </Field>
        <Field id="campaign-limit" label={t("perBuyerLimit")} hint={t("perBuyerLimitHint")} errors={errors("perBuyerLimit")}>
          <input
            id="campaign-limit"
            name="perBuyerLimit"
            inputMode="numeric"
            defaultValue={String(draft?.perBuyerLimit ?? 2)}
            className={`${inputClass} max-w-28`}
            {...aria("campaign-limit", "perBuyerLimit")}
          />
        </Field>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">{t("products")}</legend>
        <p className="text-xs text-stone-600">{t("productsHint")}</p>
        {errors("items")?.map((k) => (
          <p key={k} className="text-sm text-red-700" role="alert">
            {e.has(k) ? e(k) : k}
          </p>
        ))}
        {products.length === 0 ? <p className="rounded-lg bg-stone-50 p-3 text-sm text-stone-700">{t("noProducts")}</p> : null}
        <ul className="space-y-2" data-testid="campaign-products">
          {products.map((p) => {
            const on = ticked.has(p.id);
            const priceErrors = errors(`items.${p.id}.price`);
            const allotErrors = errors(`items.${p.id}.allotment`);
            return (
              <li key={p.id} className={`rounded-lg p-3 ring-1 ${on ? "bg-brand-50 ring-brand-600" : "bg-white ring-stone-300"}`}>
                <label className="flex cursor-pointer items-start gap-3">
                  <input
                    type="checkbox"
                    name="productId"
                    value={p.id}
                    checked={on}
                    disabled={!hydrated}
                    onChange={() => toggle(p.id)}
                    className="mt-1 h-5 w-5 shrink-0"
                  />
                  <span className="min-w-0">
                    <span className="block font-medium">{p.name}</span>
                    <span className="block text-xs text-stone-600">{t("shelf", { spec: p.spec, price: p.price, stock: p.stock })}</span>
                  </span>
                </label>
                {on ? (
                  <div className="mt-3 grid grid-cols-2 gap-3 pl-8">
                    <Field id={`price-${p.id}`} label={t("price")} errors={priceErrors}>
                      <input
                        id={`price-${p.id}`}
                        name={`price.${p.id}`}
                        inputMode="decimal"
                        autoComplete="off"
                        defaultValue={draft?.items[p.id]?.price ?? ""}
                        placeholder="29.90"
                        className={inputClass}
                        {...aria(`price-${p.id}`, `items.${p.id}.price`)}
                      />
                    </Field>
                    <Field
                      id={`allotment-${p.id}`}
                      label={t("allotment")}
                      hint={t("allotmentHint", { stock: p.stock })}
                      errors={allotErrors}
                    >
                      <input
                        id={`allotment-${p.id}`}
                        name={`allotment.${p.id}`}
                        inputMode="numeric"
                        autoComplete="off"
                        defaultValue={draft?.items[p.id]?.allotment ?? ""}
                        className={inputClass}
                        {...aria(`allotment-${p.id}`, `items.${p.id}.allotment`)}
                      />
                    </Field>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <FormMessage state={state && !(state.ok === false && state.error === "invalidInput") ? state : undefined} />
      {state && !state.ok && state.error === "invalidInput" ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {t("fixMarked")}
        </p>
      ) : null}
      <SubmitButton className="w-full py-3 sm:w-auto" disabled={pending}>
        {pending ? t("saving") : draft ? t("save") : t("create")}
      </SubmitButton>
    </form>
  );
}
