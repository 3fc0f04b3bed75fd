"use client";
// The checkout's choice among the signed-in buyer's saved addresses (lib/addresses), the default
// preselected, or "a new address". Only the chosen id goes to the server, which loads the address
// from the buyer's own book (another user's id is refused there).
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/Badge";
import type { AddressValue } from "./AddressFields";

export interface SavedAddressOption extends AddressValue {
  id: string;
  isDefault: boolean;
}

/** The value of the "new address" choice (not a possible id: ids are cuids). */
export const NEW_ADDRESS = "new";

/** The national list's "city" level of Beijing, Tianjin, Shanghai and Chongqing: not written on a parcel. */
const MUNICIPAL_DISTRICTS = "市辖区";

/** 13800138000 → 138****8000: the list shows enough to tell numbers apart. */
export const maskedMobile = (mobile: string) => mobile.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2");

/** One saved address as text: recipient and number, then the postal address (in Chinese, as the courier reads it). */
export function AddressSummary({ value, isDefault }: { value: AddressValue; isDefault: boolean }) {
  const t = useTranslations("addresses");
  return (
    <span className="block min-w-0 space-y-0.5">
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-semibold text-stone-900">{value.recipient}</span>
        <span className="text-stone-700">{maskedMobile(value.mobile)}</span>
        {isDefault ? <Badge tone="certified">{t("default")}</Badge> : null}
      </span>
      <span lang="zh-CN" className="block text-sm text-stone-700 [overflow-wrap:anywhere]">
        {[value.province, value.city === MUNICIPAL_DISTRICTS ? "" : value.city, value.district, value.address].filter(Boolean).join(" ")}
      </span>
    </span>
  );
}

export function SavedAddressChoice({
  options,
  value,
  onChange,
}: {
  options: SavedAddressOption[];
  value: string;
  onChange: (id: string) => void;
}) {
  const t = useTranslations("addresses");
  const row =
    "flex cursor-pointer items-start gap-3 rounded-lg px-3 py-3 ring-1 ring-stone-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600";
  return (
    <fieldset className="space-y-2" data-testid="saved-addresses">
      <legend className="mb-2 text-sm font-medium text-stone-800">{t("choose")}</legend>
      {options.map((o) => (
        <label key={o.id} className={row} data-testid="saved-address" data-default={o.isDefault || undefined}>
          <input
            type="radio"
            name="savedAddressId"
            value={o.id}
            checked={value === o.id}
            onChange={() => onChange(o.id)}
            className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
          />
          <AddressSummary value={o} isDefault={o.isDefault} />
        </label>
      ))}
      <label className={row}>
        <input
          type="radio"
          name="savedAddressId"
          value={NEW_ADDRESS}
          checked={value === NEW_ADDRESS}
          onChange={() => onChange(NEW_ADDRESS)}
          className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
          data-testid="new-address"
        />
        <span className="font-medium text-stone-900">{t("useNew")}</span>
      </label>
    </fieldset>
  );
}
