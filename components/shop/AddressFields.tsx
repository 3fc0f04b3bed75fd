"use client";
// The fields of a Chinese delivery address (recipient, mobile, province › city › district from the
// national list, street), shared by the checkout form and the address book (lib/addresses). The
// server checks everything again with addressSchema (lib/orders/address.ts); the selects take the
// division list from lib/orders/divisions.ts, so zod stays out of the browser.
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Field } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import type { Locale } from "@/lib/i18n/locales";
import { citiesOf, districtsOf, provinces } from "@/lib/orders/divisions";
import { provinceOption } from "@/lib/regions/province-names";

export interface AddressValue {
  recipient: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

export const EMPTY_ADDRESS: AddressValue = { recipient: "", mobile: "", province: "", city: "", district: "", address: "" };

/** Controlled: `onChange` receives the whole address (a new province clears the city and district). */
export function AddressFields({
  locale,
  value,
  onChange,
  errorsOf,
  idPrefix = "address",
}: {
  locale: Locale;
  value: AddressValue;
  onChange: (next: AddressValue) => void;
  /** Field errors by "address.<field>" (the server's fieldErrors keys). */
  errorsOf: (name: string) => string[] | undefined;
  idPrefix?: string;
}) {
  const t = useTranslations("checkout");
  const cities = useMemo(() => citiesOf(value.province), [value.province]);
  const districts = useMemo(() => districtsOf(value.province, value.city), [value.province, value.city]);
  const id = (field: keyof AddressValue) => `${idPrefix}-${field === "address" ? "address" : field}`;
  const set = (field: keyof AddressValue) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = event.target.value;
    onChange({
      ...value,
      [field]: next,
      ...(field === "province" ? { city: "", district: "" } : field === "city" ? { district: "" } : {}),
    });
  };
  const select = (name: "province" | "city" | "district", options: string[]) => (
    <select
      id={id(name)}
      name={name}
      className={inputClass}
      value={value[name]}
      onChange={set(name)}
      required
      aria-invalid={errorsOf(`address.${name}`) ? true : undefined}
    >
      <option value="">{t("choose")}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {name === "province" ? provinceOption(locale, o) : o}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("recipient")} label={t("recipient")} errors={errorsOf("address.recipient")}>
          <input
            id={id("recipient")}
            className={inputClass}
            value={value.recipient}
            onChange={set("recipient")}
            autoComplete="name"
            required
          />
        </Field>
        <Field id={id("mobile")} label={t("mobile")} hint={t("mobileHint")} errors={errorsOf("address.mobile")}>
          <input
            id={id("mobile")}
            className={inputClass}
            value={value.mobile}
            onChange={set("mobile")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
          />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={id("province")} label={t("province")} errors={errorsOf("address.province")}>
          {select("province", provinces())}
        </Field>
        <Field id={id("city")} label={t("city")} errors={errorsOf("address.city")}>
          {select("city", cities)}
        </Field>
        <Field id={id("district")} label={t("district")} errors={errorsOf("address.district")}>
          {select("district", districts)}
        </Field>
      </div>
      <Field id={id("address")} label={t("street")} hint={t("streetHint")} errors={errorsOf("address.address")}>
        <input
          id={id("address")}
          className={inputClass}
          value={value.address}
          onChange={set("address")}
          autoComplete="street-address"
          required
        />
      </Field>
    </>
  );
}
