"use client";
// Creating or editing a buyer organisation: the fields that matter for its kind only (a canteen for a
// budget unit, the unit a trade union belongs to, the counties a partner is paired with), and on
// creation its first manager (an existing account by email, or a new one: name it, and the account
// gets a mail to choose its password). Errors by field, in the user's language.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";
import type { ServerAction } from "@/lib/actions/define.server";

type Kind = "BUDGET_UNIT" | "TRADE_UNION" | "ENTERPRISE" | "PARTNER";
const KINDS: Kind[] = ["BUDGET_UNIT", "TRADE_UNION", "ENTERPRISE", "PARTNER"];

interface Option {
  value: string;
  label: string;
}

export interface OrganisationFormValues {
  organisationId?: string;
  kind: Kind;
  nameZh: string;
  nameEn: string;
  creditCode: string;
  regionId: string;
  hasCanteen: boolean;
  parentUnitId: string;
  pairedCountyIds: string[];
}

const EMPTY: OrganisationFormValues = {
  kind: "BUDGET_UNIT",
  nameZh: "",
  nameEn: "",
  creditCode: "",
  regionId: "",
  hasCanteen: true,
  parentUnitId: "",
  pairedCountyIds: [],
};

export function OrganisationForm({
  action,
  regions,
  counties,
  units,
  initial = EMPTY,
  mode,
}: {
  action: ServerAction<unknown>;
  regions: Option[];
  counties: Option[];
  units: Option[];
  initial?: OrganisationFormValues;
  mode: "create" | "edit";
}) {
  const t = useTranslations("organisations.admin");
  const k = useTranslations("organisations.kinds");
  const e = useTranslations("errors");
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(initial.kind);
  const { state, pending, onSubmit } = useActionForm(action);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errorsOf = (name: string) => fieldErrors(state, name);
  const aria = (name: string) => (errorsOf(name) ? { "aria-invalid": true as const, "aria-describedby": `org-${mode}-${name}-error` } : {});
  const id = (name: string) => `org-${mode}-${name}`;

  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid={`organisation-${mode}-form`} noValidate>
      {initial.organisationId ? <input type="hidden" name="organisationId" value={initial.organisationId} /> : null}
      {mode === "create" ? (
        <Field id={id("kind")} label={t("kind")} errors={errorsOf("kind")}>
          <select id={id("kind")} name="kind" className={inputClass} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {k(value)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("nameZh")} label={t("nameZh")} errors={errorsOf("nameZh")}>
          <input
            id={id("nameZh")}
            name="nameZh"
            defaultValue={initial.nameZh}
            maxLength={80}
            required
            className={inputClass}
            {...aria("nameZh")}
          />
        </Field>
        <Field id={id("nameEn")} label={t("nameEn")} errors={errorsOf("nameEn")}>
          <input id={id("nameEn")} name="nameEn" defaultValue={initial.nameEn} maxLength={160} className={inputClass} {...aria("nameEn")} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("creditCode")} label={t("creditCode")} hint={t("creditCodeHint")} errors={errorsOf("creditCode")}>
          <input
            id={id("creditCode")}
            name="creditCode"
            defaultValue={initial.creditCode}
            maxLength={40}
            autoCapitalize="characters"
            spellCheck={false}
            required
            className={`${inputClass} font-mono`}
            {...aria("creditCode")}
          />
        </Field>
        <Field id={id("regionId")} label={t("region")} hint={t("regionHint")} errors={errorsOf("regionId")}>
          <select id={id("regionId")} name="regionId" defaultValue={initial.regionId} required className={inputClass} {...aria("regionId")}>
            <option value="">{t("choose")}</option>
            {regions.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {kind === "BUDGET_UNIT" ? (
        <Field id={id("hasCanteen")} label={t("canteen")} hint={t("canteenHint")} errors={errorsOf("hasCanteen")}>
          <select id={id("hasCanteen")} name="hasCanteen" defaultValue={initial.hasCanteen ? "yes" : "no"} className={inputClass}>
            <option value="yes">{t("canteenYes")}</option>
            <option value="no">{t("canteenNo")}</option>
          </select>
        </Field>
      ) : null}
      {kind === "TRADE_UNION" ? (
        <Field id={id("parentUnitId")} label={t("parentUnit")} hint={t("parentUnitHint")} errors={errorsOf("parentUnitId")}>
          <select id={id("parentUnitId")} name="parentUnitId" defaultValue={initial.parentUnitId} className={inputClass}>
            <option value="">{t("noParentUnit")}</option>
            {units
              .filter((u) => u.value !== initial.organisationId)
              .map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
          </select>
        </Field>
      ) : null}
      {kind === "PARTNER" ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-stone-800">{t("pairedCounties")}</legend>
          <p className="text-xs text-stone-600">{t("pairedCountiesHint")}</p>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {counties.map((c) => (
              <label key={c.value} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="pairedCountyIds"
                  value={c.value}
                  defaultChecked={initial.pairedCountyIds.includes(c.value)}
                  className="h-4 w-4 accent-brand-700"
                />
                {c.label}
              </label>
            ))}
          </div>
          {errorsOf("pairedCountyIds")?.map((key) => (
            <p key={key} className="text-sm text-red-700" role="alert">
              {e.has(key) ? e(key) : key}
            </p>
          ))}
        </fieldset>
      ) : null}
      {mode === "create" ? <ManagerFields prefix={id("")} errorsOf={errorsOf} /> : null}
      <FormMessage state={state} success={mode === "create" ? t("created") : t("saved")} />
      <SubmitButton disabled={pending}>{mode === "create" ? t("create") : t("save")}</SubmitButton>
    </form>
  );
}

/** The manager's email and, for a new account, their name. */
export function ManagerFields({ prefix, errorsOf }: { prefix: string; errorsOf: (name: string) => string[] | undefined }) {
  const t = useTranslations("organisations.admin");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={`${prefix}managerEmail`} label={t("managerEmail")} hint={t("managerEmailHint")} errors={errorsOf("managerEmail")}>
        <input
          id={`${prefix}managerEmail`}
          name="managerEmail"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
          className={inputClass}
        />
      </Field>
      <Field id={`${prefix}managerName`} label={t("managerName")} hint={t("managerNameHint")} errors={errorsOf("managerName")}>
        <input id={`${prefix}managerName`} name="managerName" maxLength={60} className={inputClass} />
      </Field>
    </div>
  );
}

/** The admin adds a manager to an existing organisation. */
export function AddManagerForm({ action, organisationId }: { action: ServerAction<unknown>; organisationId: string }) {
  const t = useTranslations("organisations.admin");
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(action);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="add-manager-form" noValidate>
      <input type="hidden" name="organisationId" value={organisationId} />
      <ManagerFields prefix="add-manager-" errorsOf={(name) => fieldErrors(state, name)} />
      <FormMessage state={state} success={t("managerAdded")} />
      <SubmitButton disabled={pending}>{t("addManager")}</SubmitButton>
    </form>
  );
}
