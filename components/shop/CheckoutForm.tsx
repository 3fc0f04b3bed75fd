"use client";
// The checkout form: a Chinese delivery address (province › city › district from the national
// list), whom a member of buyer organisations buys for (OrganisationChoice), then Pay. Posts JSON to /api/checkout; the key
// of this form goes with it, so a second click (or a retry after a lost answer) finds the same
// order instead of holding the stock twice.
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Field } from "@/components/ui/form";
import { LocalLink } from "@/components/ui/LocalLink";
import { inputClass } from "@/components/ui/styles";
import { defaultOrganisation, OrganisationChoice, type OrganisationChoiceLabels, type OrganisationOption } from "./OrganisationChoice";
import type { Locale } from "@/lib/i18n/locales";
import { citiesOf, districtsOf, provinces } from "@/lib/orders/divisions";
import { formatFen } from "@/lib/money";
import { ShippingSummary, shippingTotal, type SellerShipping, type ShippingSummaryLabels } from "@/components/shipping/ShippingSummary";
import { PaymentMethodChoice, type PaymentMethod } from "./PaymentMethodChoice";
import { provinceOption } from "@/lib/regions/province-names";

export interface CheckoutItem {
  productId: string;
  name: string;
  spec: string;
  quantity: number;
  priceFen: number;
}

interface Problem {
  productId: string;
  code: string;
  values: Record<string, string | number>;
}

type Answer =
  | { ok: true; next: string }
  | { ok: false; error: string; values?: Record<string, string | number>; fieldErrors?: Record<string, string[]>; problems?: Problem[] };

export function CheckoutForm(props: {
  locale: Locale;
  checkoutKey: string;
  items: CheckoutItem[];
  totalFen: number;
  askEmail: boolean;
  /** The buyer's organisations (none: no choice shown); the server decides the channel from the one chosen. */
  organisations?: { options: OrganisationOption[]; labels: OrganisationChoiceLabels };
  initial: { recipient: string; mobile: string; province: string; city: string; district: string; address: string };
  /** The sellers and their shipping rules (lib/shipping-fees): their shipping lines join the total. */
  shipping?: { sellers: SellerShipping[]; labels: ShippingSummaryLabels };
  /** The buyer may pay by 对公转账 (a member of a buyer organisation): show the choice. */
  transferAllowed?: boolean;
}) {
  const t = useTranslations("checkout");
  const e = useTranslations("errors");
  const tm = useTranslations("transfers.method");
  const [address, setAddress] = useState(props.initial);
  const [email, setEmail] = useState("");
  const [organisationId, setOrganisationId] = useState(defaultOrganisation(props.organisations?.options));
  const [busy, setBusy] = useState(false);
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>("online");
  const [answer, setAnswer] = useState<Extract<Answer, { ok: false }> | null>(null);
  const cities = useMemo(() => citiesOf(address.province), [address.province]);
  const districts = useMemo(() => districtsOf(address.province, address.city), [address.province, address.city]);
  const totalFen = props.totalFen + (props.shipping ? shippingTotal(props.shipping.sellers, address.province) : 0);

  const set = (field: keyof typeof address) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.target.value;
    setAddress((a) => ({
      ...a,
      [field]: value,
      ...(field === "province" ? { city: "", district: "" } : field === "city" ? { district: "" } : {}),
    }));
  };
  const errorsOf = (name: string) => answer?.fieldErrors?.[name];
  const message = (key: string, values?: Record<string, string | number>) => {
    if (!e.has(key)) return e("unexpected");
    const formatted = Object.fromEntries(
      Object.entries(values ?? {}).map(([k, v]) => [
        k,
        (k === "before" || k === "after") && typeof v === "number" && v > 0 ? formatFen(v) : v,
      ]),
    );
    return e(key, formatted);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setAnswer(null);
    try {
      const response = await fetch("/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          locale: props.locale,
          order: {
            checkoutKey: props.checkoutKey,
            ...(props.askEmail ? { email } : {}),
            organisationId,
            paymentMethod,
            address,
            items: props.items.map((i) => ({ productId: i.productId, quantity: i.quantity, expectedPriceFen: i.priceFen })),
          },
        }),
      });
      const result = (await response.json()) as Answer;
      if (result.ok) {
        window.location.assign(result.next);
        return; // stay busy while the next page loads
      }
      setAnswer(result);
    } catch {
      setAnswer({ ok: false, error: "network" });
    }
    setBusy(false);
  };

  const select = (name: "province" | "city" | "district", options: string[], placeholder: string) => (
    <select
      id={`address-${name}`}
      name={name}
      className={inputClass}
      value={address[name]}
      onChange={set(name)}
      required
      aria-invalid={errorsOf(`address.${name}`) ? true : undefined}
    >
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {name === "province" ? provinceOption(props.locale, o) : o}
        </option>
      ))}
    </select>
  );

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 md:grid-cols-[1fr_20rem]">
      <div className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("address")}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="address-recipient" label={t("recipient")} errors={errorsOf("address.recipient")}>
            <input
              id="address-recipient"
              className={inputClass}
              value={address.recipient}
              onChange={set("recipient")}
              autoComplete="name"
              required
            />
          </Field>
          <Field id="address-mobile" label={t("mobile")} hint={t("mobileHint")} errors={errorsOf("address.mobile")}>
            <input
              id="address-mobile"
              className={inputClass}
              value={address.mobile}
              onChange={set("mobile")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              required
            />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="address-province" label={t("province")} errors={errorsOf("address.province")}>
            {select("province", provinces(), t("choose"))}
          </Field>
          <Field id="address-city" label={t("city")} errors={errorsOf("address.city")}>
            {select("city", cities, t("choose"))}
          </Field>
          <Field id="address-district" label={t("district")} errors={errorsOf("address.district")}>
            {select("district", districts, t("choose"))}
          </Field>
        </div>
        <Field id="address-address" label={t("street")} hint={t("streetHint")} errors={errorsOf("address.address")}>
          <input
            id="address-address"
            className={inputClass}
            value={address.address}
            onChange={set("address")}
            autoComplete="street-address"
            required
          />
        </Field>
        {props.askEmail ? (
          <Field id="checkout-email" label={t("email")} hint={t("emailHint")} errors={errorsOf("email")}>
            <input
              id="checkout-email"
              className={inputClass}
              value={email}
              onChange={(ev) => setEmail(ev.target.value)}
              type="email"
              autoComplete="email"
              required
            />
          </Field>
        ) : null}
        {props.organisations ? <OrganisationChoice {...props.organisations} value={organisationId} onChange={setOrganisationId} /> : null}
        {props.transferAllowed ? <PaymentMethodChoice value={paymentMethod} onChange={setPaymentMethod} /> : null}
      </div>

      <aside className="space-y-3 self-start rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 md:sticky md:top-20">
        <h2 className="font-semibold">{t("summary")}</h2>
        <ul className="space-y-2 text-sm">
          {props.items.map((item) => {
            // Any kind of cart problem (stock, price, availability, a per-order limit) marks its line and says why.
            const problem = answer?.problems?.find((p) => p.productId === item.productId);
            return (
              <li
                key={item.productId}
                className={`flex flex-wrap justify-between gap-x-3 ${problem ? "-mx-2 rounded-md bg-red-50 px-2 py-1 ring-1 ring-red-300" : ""}`}
                data-testid="checkout-line"
                data-problem={problem ? problem.code : undefined}
              >
                <span className="min-w-0">
                  {item.name} <span className="text-stone-600">× {item.quantity}</span>
                </span>
                <span className="shrink-0">{formatFen(item.priceFen * item.quantity)}</span>
                {problem ? (
                  // The line is marked; what is wrong and the limit are said in the alert below, line by line.
                  <span className="w-full text-xs font-semibold text-red-800" aria-hidden>
                    ⚠
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
        {props.shipping ? (
          <ShippingSummary
            locale={props.locale}
            sellers={props.shipping.sellers}
            province={address.province}
            labels={props.shipping.labels}
          />
        ) : null}
        <p className="flex justify-between border-t border-stone-100 pt-3 font-semibold">
          <span>{t("total")}</span>
          <span className="text-xl text-brand-700" data-testid="checkout-total">
            {formatFen(totalFen)}
          </span>
        </p>
        {answer ? (
          <div className="space-y-1 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
            <p>{message(answer.error, answer.values)}</p>
            {answer.problems?.map((p) => (
              <p key={p.productId}>{message(p.code, p.values)}</p>
            ))}
            {answer.problems ? (
              <LocalLink locale={props.locale} href="/cart" className="font-semibold underline">
                {t("backToCart")}
              </LocalLink>
            ) : null}
          </div>
        ) : null}
        <button
          type="submit"
          disabled={busy}
          aria-disabled={busy}
          className="w-full rounded-lg bg-brand-700 px-4 py-3 text-base font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60"
        >
          {busy ? t("paying") : t("pay", { total: formatFen(totalFen) })}
        </button>
        <p className="text-xs text-stone-600">{paymentMethod === "transfer" ? tm("transferHint") : t("holdNote")}</p>
      </aside>
    </form>
  );
}
