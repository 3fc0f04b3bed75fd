"use client";
// The listing form (new and edit): a real <form> on a server action. Price is typed in yuan as
// the clerk writes it; the server turns it into fen. Refused input keeps what was typed.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { createProduct, updateProduct } from "@/lib/products/actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useKeptAction } from "./kept";

export interface Option {
  value: string;
  label: string;
}

export interface ProductFormValues {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: string;
  unitZh: string;
  unitEn: string;
  specZh: string;
  specEn: string;
  price: string;
  maxPerOrder?: string;
  /** 七天无理由: "default" (by category), "yes" or "no". */
  noReasonReturn?: string;
  villageId: string;
  giMarkId: string;
  stock?: string;
  // Food information (optional)
  shelfLifeZh?: string;
  shelfLifeEn?: string;
  storageZh?: string;
  storageEn?: string;
  ingredientsZh?: string;
  ingredientsEn?: string;
  netContentZh?: string;
  netContentEn?: string;
  scLicence?: string;
  coldChain?: string; // "on" when shipped in the cold chain
}

type Props = {
  operator: string;
  initial: ProductFormValues;
  categories: Option[];
  townships: { label: string; villages: Option[] }[];
  giMarks: Option[];
} & ({ mode: "create" } | { mode: "edit"; productId: string; certified: boolean });

export function ProductForm(props: Props) {
  const t = useTranslations("listings.form");
  const food = useTranslations("productPage.console");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [state, submit] = useKeptAction<unknown>(props.mode === "create" ? createProduct : updateProduct);
  const result = state?.result;
  const formRef = useRef<HTMLFormElement>(null);

  // After a refusal, take the clerk to the first field to fix (the form is long on a phone).
  useEffect(() => {
    if (result && !result.ok) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [result]);

  useEffect(() => {
    if (!result?.ok) return;
    if (props.mode === "create") {
      const { id } = result.data as { id: string };
      router.push(localizedPath(locale, `/coop/${props.operator}/products/${id}?created=1`));
    } else router.refresh();
  }, [result, props.mode, props.operator, router, locale]);

  const value = (name: keyof ProductFormValues) => state?.values[name] ?? props.initial[name] ?? "";
  const errors = (name: string) => fieldErrors(result, name);
  const control = (name: string) => ({
    id: `p-${name}`,
    name,
    "aria-invalid": errors(name) ? true : undefined,
    "aria-describedby": errors(name) ? `p-${name}-error` : undefined,
  });
  const text = (
    name: keyof ProductFormValues,
    label: string,
    opts: { hint?: string; maxLength: number; placeholder?: string; lang?: string },
  ) => (
    <Field id={`p-${name}`} label={label} hint={opts.hint} errors={errors(name)}>
      <input
        {...control(name)}
        type="text"
        defaultValue={value(name)}
        maxLength={opts.maxLength + 20}
        placeholder={opts.placeholder}
        lang={opts.lang}
        className={inputClass}
        autoComplete="off"
      />
    </Field>
  );
  const recertifyNote = props.mode === "edit" && props.certified;
  const savedText =
    result?.ok && props.mode === "edit"
      ? (result.data as { changed: string[]; status: string }).changed.length === 0
        ? t("unchanged")
        : (result.data as { status: string }).status === "PENDING_CERTIFICATION" && props.certified
          ? t("savedRecertify")
          : t("saved")
      : undefined;

  return (
    // key: after each submission the fields remount with what was submitted (React resets forms after an action).
    <form key={state?.round ?? 0} ref={formRef} action={submit} className="space-y-5" noValidate data-testid="product-form">
      {props.mode === "create" ? (
        <input type="hidden" name="operator" value={props.operator} />
      ) : (
        <input type="hidden" name="productId" value={props.productId} />
      )}

      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-stone-900">{t("names")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {text("nameZh", t("nameZh"), { maxLength: 60, placeholder: t("nameZhPlaceholder"), lang: "zh-CN" })}
          {text("nameEn", t("nameEn"), { maxLength: 60, placeholder: t("nameEnPlaceholder"), hint: t("nameEnHint"), lang: "en" })}
        </div>
        <Field id="p-category" label={t("category")} errors={errors("category")}>
          <select {...control("category")} defaultValue={value("category")} className={inputClass}>
            <option value="">{t("choose")}</option>
            {props.categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-stone-900">{t("priceAndSize")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="p-price" label={t("price")} hint={t("priceHint")} errors={errors("price")}>
            <input
              {...control("price")}
              type="text"
              inputMode="decimal"
              defaultValue={value("price")}
              placeholder="38.50"
              maxLength={40}
              className={inputClass}
              autoComplete="off"
            />
          </Field>
          <Field id="p-maxPerOrder" label={t("maxPerOrder")} hint={t("maxPerOrderHint")} errors={errors("maxPerOrder")}>
            <input
              {...control("maxPerOrder")}
              type="text"
              inputMode="numeric"
              defaultValue={value("maxPerOrder") || "20"}
              maxLength={3}
              className={inputClass}
            />
          </Field>
          <Field id="p-noReasonReturn" label={t("noReasonReturn")} hint={t("noReasonReturnHint")} errors={errors("noReasonReturn")}>
            <select {...control("noReasonReturn")} defaultValue={value("noReasonReturn") || "default"} className={inputClass}>
              <option value="default">{t("noReasonDefault")}</option>
              <option value="yes">{t("noReasonYes")}</option>
              <option value="no">{t("noReasonNo")}</option>
            </select>
          </Field>
          {props.mode === "create" ? (
            <Field id="p-stock" label={t("stock")} hint={t("stockHint")} errors={errors("stock")}>
              <input
                {...control("stock")}
                type="text"
                inputMode="numeric"
                defaultValue={value("stock") || "0"}
                maxLength={12}
                className={inputClass}
              />
            </Field>
          ) : null}
        </div>
        <div className="grid grid-cols-2 gap-3">
          {text("unitZh", t("unitZh"), { maxLength: 10, placeholder: "箱", lang: "zh-CN" })}
          {text("unitEn", t("unitEn"), { maxLength: 10, placeholder: "box", lang: "en" })}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {text("specZh", t("specZh"), { maxLength: 40, placeholder: "5公斤/箱", lang: "zh-CN" })}
          {text("specEn", t("specEn"), { maxLength: 40, placeholder: "5 kg per box", lang: "en" })}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-stone-900">{t("origin")}</legend>
        <Field id="p-villageId" label={t("village")} hint={t("villageHint")} errors={errors("villageId")}>
          <select {...control("villageId")} defaultValue={value("villageId")} className={inputClass}>
            <option value="">{t("choose")}</option>
            {props.townships.map((township) => (
              <optgroup key={township.label} label={township.label}>
                {township.villages.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field
          id="p-giMarkId"
          label={t("giMark")}
          hint={props.giMarks.length ? t("giMarkHint") : t("giMarkNone")}
          errors={errors("giMarkId")}
        >
          <select {...control("giMarkId")} defaultValue={value("giMarkId")} className={inputClass}>
            <option value="">{t("noGiMark")}</option>
            {props.giMarks.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        {recertifyNote ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="recertify-note">
            {t("recertifyWarning")}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-stone-900">{t("description")}</legend>
        <Field id="p-descriptionZh" label={t("descriptionZh")} errors={errors("descriptionZh")}>
          <textarea
            {...control("descriptionZh")}
            defaultValue={value("descriptionZh")}
            rows={4}
            maxLength={2100}
            lang="zh-CN"
            className={inputClass}
          />
        </Field>
        <Field id="p-descriptionEn" label={t("descriptionEn")} errors={errors("descriptionEn")}>
          <textarea
            {...control("descriptionEn")}
            defaultValue={value("descriptionEn")}
            rows={4}
            maxLength={2100}
            lang="en"
            className={inputClass}
          />
        </Field>
      </fieldset>

      <details
        className="rounded-lg ring-1 ring-stone-200"
        open={Boolean(value("scLicence") || value("shelfLifeZh") || value("netContentZh"))}
      >
        <summary className="cursor-pointer px-3 py-2 text-base font-semibold text-stone-900">{food("title")}</summary>
        <div className="grid gap-3 px-3 pb-3 sm:grid-cols-2">
          {text("netContentZh", food("netContentZh"), { maxLength: 60, placeholder: "500克", lang: "zh-CN" })}
          {text("netContentEn", food("netContentEn"), { maxLength: 60, placeholder: "500 g", lang: "en" })}
          {text("shelfLifeZh", food("shelfLifeZh"), { maxLength: 60, placeholder: "12个月", lang: "zh-CN" })}
          {text("shelfLifeEn", food("shelfLifeEn"), { maxLength: 60, placeholder: "12 months", lang: "en" })}
          {text("storageZh", food("storageZh"), { maxLength: 60, placeholder: "阴凉干燥处保存", lang: "zh-CN" })}
          {text("storageEn", food("storageEn"), { maxLength: 60, placeholder: "Keep cool and dry", lang: "en" })}
          {text("ingredientsZh", food("ingredientsZh"), { maxLength: 300, lang: "zh-CN" })}
          {text("ingredientsEn", food("ingredientsEn"), { maxLength: 300, lang: "en" })}
          {text("scLicence", food("scLicence"), { maxLength: 16, placeholder: "SC10162052300012", hint: food("scLicenceHint") })}
          <div className="flex items-center gap-2 self-end pb-2">
            <input
              id="p-coldChain"
              name="coldChain"
              type="checkbox"
              defaultChecked={value("coldChain") === "on"}
              className="h-5 w-5 accent-brand-700"
            />
            <label htmlFor="p-coldChain" className="text-sm text-stone-800">
              {food("coldChain")}
            </label>
          </div>
        </div>
      </details>

      {props.mode === "create" ? (
        <div className="flex items-start gap-2 rounded-lg bg-stone-100 px-3 py-3">
          <input
            id="p-listed"
            name="listed"
            type="checkbox"
            defaultChecked={state?.values.listed === "on"}
            className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
          />
          <label htmlFor="p-listed" className="text-sm text-stone-800">
            <span className="font-medium">{t("listNow")}</span>
            <span className="block text-xs text-stone-600">{t("listNowHint")}</span>
          </label>
        </div>
      ) : null}

      <FormMessage state={result} success={savedText} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="w-full px-6 py-3 text-base sm:w-auto">{props.mode === "create" ? t("create") : t("save")}</SubmitButton>
        {props.mode === "create" ? <p className="text-xs text-stone-600">{t("createHint")}</p> : null}
      </div>
    </form>
  );
}
