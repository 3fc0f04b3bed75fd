"use client";
// The account page's address book (lib/addresses): the saved addresses with "make default",
// "edit" and "delete", and one form for a new address or the one being edited. Every change goes
// through the address actions, which only ever touch the caller's own addresses.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { thrownErrorKey } from "@/components/auth/use-submit";
import { AddressFields, EMPTY_ADDRESS, type AddressValue } from "@/components/shop/AddressFields";
import { AddressSummary, type SavedAddressOption } from "@/components/shop/SavedAddressChoice";
import { Checkbox, FormMessage } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { createSavedAddress, deleteSavedAddress, setDefaultSavedAddress, updateSavedAddress } from "@/lib/addresses/actions";
import type { Locale } from "@/lib/i18n/locales";

const secondary = "rounded-lg px-3 py-1.5 text-sm font-medium text-brand-800 ring-1 ring-stone-300 hover:bg-brand-50 disabled:opacity-60";

export function AddressBook({ locale, addresses, max }: { locale: Locale; addresses: SavedAddressOption[]; max: number }) {
  const t = useTranslations("addresses");
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(addresses.length ? null : "new");
  const [value, setValue] = useState<AddressValue>(EMPTY_ADDRESS);
  const [makeDefault, setMakeDefault] = useState(false);
  const [state, setState] = useState<ActionResult | undefined>();
  const [busy, setBusy] = useState(false);
  const full = addresses.length >= max;

  const run = async (call: () => Promise<ActionResult>, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    setState(undefined);
    try {
      const result = await call();
      setState(result);
      if (result.ok) {
        after?.();
        router.refresh();
      }
    } catch (error) {
      setState({ ok: false, error: thrownErrorKey(error) });
    }
    setBusy(false);
  };
  const open = (id: string, initial: AddressValue, isDefault: boolean) => {
    setEditing(id);
    setValue(initial);
    setMakeDefault(isDefault);
    setState(undefined);
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { address: value, makeDefault };
    void run(
      () => (editing === "new" ? createSavedAddress(input) : updateSavedAddress({ ...input, id: editing })),
      () => setEditing(null),
    );
  };
  const fieldErrors = (name: string) => (state && !state.ok ? state.fieldErrors?.[name] : undefined);

  return (
    <div className="space-y-4">
      {addresses.length ? (
        <ul className="space-y-3" data-testid="address-book">
          {addresses.map((a) => (
            <li
              key={a.id}
              className="space-y-3 rounded-xl p-4 ring-1 ring-stone-200"
              data-testid="address-entry"
              data-default={a.isDefault || undefined}
            >
              <AddressSummary value={a} isDefault={a.isDefault} />
              <div className="flex flex-wrap gap-2">
                {a.isDefault ? null : (
                  <button
                    type="button"
                    className={secondary}
                    disabled={busy}
                    onClick={() => run(() => setDefaultSavedAddress({ id: a.id }))}
                  >
                    {t("setDefault")}
                  </button>
                )}
                <button type="button" className={secondary} disabled={busy} onClick={() => open(a.id, a, a.isDefault)}>
                  {t("edit")}
                </button>
                <button
                  type="button"
                  className={`${secondary} text-red-800`}
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t("confirmDelete"))) void run(() => deleteSavedAddress({ id: a.id }));
                  }}
                >
                  {t("delete")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-700">{t("empty")}</p>
      )}
      <p className="text-xs text-stone-600">{t("count", { count: addresses.length, max })}</p>

      {editing ? (
        <form
          onSubmit={submit}
          noValidate
          className="space-y-4 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200"
          aria-labelledby="address-form-title"
        >
          <h3 id="address-form-title" className="font-semibold">
            {editing === "new" ? t("addTitle") : t("editTitle")}
          </h3>
          <AddressFields locale={locale} value={value} onChange={setValue} errorsOf={fieldErrors} idPrefix="book" />
          <Checkbox checked={makeDefault} onChange={setMakeDefault}>
            {t("makeDefault")}
          </Checkbox>
          <FormMessage state={state} />
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={busy}
              className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60"
            >
              {busy ? t("saving") : t("save")}
            </button>
            {addresses.length ? (
              <button type="button" className={secondary} onClick={() => setEditing(null)}>
                {t("cancel")}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <>
          <FormMessage state={state} success={t("saved")} />
          {full ? (
            <p className="text-sm text-stone-700">{t("full", { max })}</p>
          ) : (
            <button
              type="button"
              className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800"
              onClick={() => open("new", EMPTY_ADDRESS, false)}
              data-testid="add-address"
            >
              {t("add")}
            </button>
          )}
        </>
      )}
    </div>
  );
}
