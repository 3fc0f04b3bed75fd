"use client";
// 开店申请 form: the operator's kind, names, credit code, legal representative, mobile, county and
// village, GI marks of that county, the benefit mechanism, two documents; for someone not signed in,
// their account too (signed in right after, so they land on their application's status).
// Also the correction form of a returned application (applicationId and the values sent before).
import { signIn } from "next-auth/react";
import { refreshAccount } from "@/components/auth/account-session";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import type { ServerAction } from "@/lib/actions/define.server";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useActionForm } from "@/components/console/use-action-form";

export interface Place {
  id: string;
  name: string;
  giMarks: { id: string; name: string }[];
  townships: { id: string; name: string; villages: { id: string; name: string }[] }[];
}

export interface ApplyDefaults {
  applicationId: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  creditCode: string;
  legalRep: string;
  mobile: string;
  countyId: string;
  villageId: string;
  giMarkIds: string[];
  benefitMechanism: string;
}

const KINDS = ["COOPERATIVE", "ENTERPRISE", "WORKSHOP", "FAMILY_FARM"] as const;

export function ApplyForm({
  action,
  places,
  needsAccount,
  defaults,
}: {
  action: ServerAction<unknown>;
  places: Place[];
  needsAccount: boolean;
  defaults?: ApplyDefaults;
}) {
  const t = useTranslations("apply.form");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [countyId, setCountyId] = useState(defaults?.countyId ?? places[0]?.id ?? "");
  const county = places.find((p) => p.id === countyId);
  const [signInFailed, setSignInFailed] = useState(false);
  const { state, pending, onSubmit } = useActionForm(async (prev: unknown, form: FormData) => {
    const result = await action(prev, form);
    if (result.ok && needsAccount) {
      const signedIn = await signIn("credentials", {
        email: String(form.get("accountEmail")),
        password: String(form.get("accountPassword")),
        redirect: false,
      });
      if (!signedIn?.ok) setSignInFailed(true);
      else await refreshAccount(); // the header's account corner
    }
    return result;
  });
  useEffect(() => {
    if (state?.ok) {
      router.push(localizedPath(locale, "/apply/status"));
      router.refresh();
    }
  }, [state?.ok, router, locale]);
  const err = (name: string) => fieldErrors(state, name);
  const invalid = (name: string) => (err(name) ? { "aria-invalid": true as const, "aria-describedby": `apply-${name}-error` } : {});

  return (
    <form onSubmit={onSubmit} className="space-y-5" data-testid="apply-form" aria-busy={pending} encType="multipart/form-data">
      {defaults ? <input type="hidden" name="applicationId" value={defaults.applicationId} /> : null}
      {needsAccount ? (
        <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <legend className="px-1 text-base font-semibold">{t("accountTitle")}</legend>
          <p className="text-sm text-stone-700">{t("accountIntro")}</p>
          <Field id="apply-accountName" label={t("accountName")} errors={err("accountName")}>
            <input
              id="apply-accountName"
              name="accountName"
              autoComplete="name"
              required
              maxLength={60}
              className={inputClass}
              {...invalid("accountName")}
            />
          </Field>
          <Field id="apply-accountEmail" label={t("accountEmail")} errors={err("accountEmail")}>
            <input
              id="apply-accountEmail"
              name="accountEmail"
              type="email"
              autoComplete="email"
              required
              className={inputClass}
              {...invalid("accountEmail")}
            />
          </Field>
          <Field id="apply-accountPassword" label={t("accountPassword")} hint={t("passwordHint")} errors={err("accountPassword")}>
            <input
              id="apply-accountPassword"
              name="accountPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              className={inputClass}
              {...invalid("accountPassword")}
            />
          </Field>
        </fieldset>
      ) : null}

      <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <legend className="px-1 text-base font-semibold">{t("operatorTitle")}</legend>
        <Field id="apply-kind" label={t("kind")} errors={err("kind")}>
          <select id="apply-kind" name="kind" defaultValue={defaults?.kind ?? "COOPERATIVE"} className={inputClass} {...invalid("kind")}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="apply-nameZh" label={t("nameZh")} hint={t("nameZhHint")} errors={err("nameZh")}>
          <input
            id="apply-nameZh"
            name="nameZh"
            required
            maxLength={60}
            defaultValue={defaults?.nameZh}
            className={inputClass}
            {...invalid("nameZh")}
          />
        </Field>
        <Field id="apply-nameEn" label={t("nameEn")} errors={err("nameEn")}>
          <input
            id="apply-nameEn"
            name="nameEn"
            maxLength={80}
            defaultValue={defaults?.nameEn}
            className={inputClass}
            {...invalid("nameEn")}
          />
        </Field>
        <Field id="apply-creditCode" label={t("creditCode")} hint={t("creditCodeHint")} errors={err("creditCode")}>
          <input
            id="apply-creditCode"
            name="creditCode"
            required
            maxLength={30}
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={defaults?.creditCode}
            className={`${inputClass} font-mono uppercase`}
            {...invalid("creditCode")}
          />
        </Field>
        <Field id="apply-legalRep" label={t("legalRep")} errors={err("legalRep")}>
          <input
            id="apply-legalRep"
            name="legalRep"
            required
            maxLength={30}
            defaultValue={defaults?.legalRep}
            className={inputClass}
            {...invalid("legalRep")}
          />
        </Field>
        <Field id="apply-mobile" label={t("mobile")} errors={err("mobile")}>
          <input
            id="apply-mobile"
            name="mobile"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            required
            defaultValue={defaults?.mobile}
            className={inputClass}
            {...invalid("mobile")}
          />
        </Field>
      </fieldset>

      <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <legend className="px-1 text-base font-semibold">{t("placeTitle")}</legend>
        <Field id="apply-countyId" label={t("county")} errors={err("countyId")}>
          <select id="apply-countyId" name="countyId" value={countyId} onChange={(e) => setCountyId(e.target.value)} className={inputClass}>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="apply-villageId" label={t("village")} errors={err("villageId")}>
          <select
            id="apply-villageId"
            name="villageId"
            key={countyId}
            defaultValue={defaults?.countyId === countyId ? defaults.villageId : ""}
            required
            className={inputClass}
            {...invalid("villageId")}
          >
            <option value="">{t("chooseVillage")}</option>
            {county?.townships.map((tw) => (
              <optgroup key={tw.id} label={tw.name}>
                {tw.villages.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        {county && county.giMarks.length > 0 ? (
          <fieldset className="space-y-1" key={`gi-${countyId}`}>
            <legend className="text-sm font-medium text-stone-800">{t("giMarks")}</legend>
            <p className="text-xs text-stone-600">{t("giMarksHint")}</p>
            <div className="flex flex-wrap gap-x-4 gap-y-2 pt-1">
              {county.giMarks.map((m) => (
                <label key={m.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="giMarkIds[]"
                    value={m.id}
                    defaultChecked={defaults?.giMarkIds.includes(m.id)}
                    className="size-4"
                  />
                  {m.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <Field id="apply-benefitMechanism" label={t("benefitMechanism")} hint={t("benefitMechanismHint")} errors={err("benefitMechanism")}>
          <textarea
            id="apply-benefitMechanism"
            name="benefitMechanism"
            required
            rows={3}
            maxLength={300}
            defaultValue={defaults?.benefitMechanism}
            className={inputClass}
            {...invalid("benefitMechanism")}
          />
        </Field>
      </fieldset>

      <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <legend className="px-1 text-base font-semibold">{t("documentsTitle")}</legend>
        <p className="text-sm text-stone-700">{defaults ? t("documentsKeep") : t("documentsIntro")}</p>
        <Field id="apply-licence" label={t("licence")} errors={err("licence")}>
          <input
            id="apply-licence"
            name="licence"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            required={!defaults}
            className="block w-full text-sm"
            {...invalid("licence")}
          />
        </Field>
        <Field id="apply-foodLicence" label={t("foodLicence")} hint={t("foodLicenceHint")} errors={err("foodLicence")}>
          <input
            id="apply-foodLicence"
            name="foodLicence"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            required={!defaults}
            className="block w-full text-sm"
            {...invalid("foodLicence")}
          />
        </Field>
      </fieldset>

      <FormMessage state={state && !state.ok && state.error !== "invalidInput" ? state : undefined} />
      {state && !state.ok && state.error === "invalidInput" ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {t("fixFields")}
        </p>
      ) : null}
      {signInFailed ? (
        <p role="alert" className="text-sm text-amber-900">
          {t("signInAfter")}
        </p>
      ) : null}
      <SubmitButton disabled={pending} className="w-full sm:w-auto">
        {defaults ? t("resubmit") : t("submit")}
      </SubmitButton>
    </form>
  );
}
