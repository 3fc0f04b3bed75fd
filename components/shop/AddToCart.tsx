"use client";
// "Add to cart" on a product page. The page is cached for everyone, so its texts arrive as props
// and the cart is changed by a server action.
import { useState, useTransition } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import { inputClass } from "@/components/ui/styles";
import { addToCart } from "@/lib/cart/actions";
import type { Locale } from "@/lib/i18n/locales";
import { announceCartCount } from "./cart-events";

export interface AddToCartLabels {
  quantity: string;
  add: string;
  added: string;
  goToCart: string;
  soldOut: string;
  /** Messages by error key; "unexpected" is the fallback. Values are filled in: {stock}, {max}. */
  errors: Record<string, string>;
}

export function AddToCart({
  locale,
  productId,
  stock,
  labels,
}: {
  locale: Locale;
  productId: string;
  stock: number;
  labels: AddToCartLabels;
}) {
  const [quantity, setQuantity] = useState("1");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  if (stock <= 0) return <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm font-medium text-stone-700">{labels.soldOut}</p>;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    startTransition(async () => {
      try {
        const result = await addToCart({ productId, quantity });
        if (result.ok) {
          announceCartCount((result.data as { units: number }).units);
          setMessage({ ok: true, text: labels.added });
        } else {
          // A refused field says why (the quantity's range), not just "check the marked fields".
          const key = Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error;
          const template = labels.errors[key] ?? labels.errors.unexpected!;
          setMessage({ ok: false, text: template.replace(/\{(\w+)\}/g, (_, k: string) => String(result.values?.[k] ?? "")) });
        }
      } catch {
        setMessage({ ok: false, text: labels.errors.network! });
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="add-to-cart">
      <div className="flex items-end gap-2">
        <label className="w-24 space-y-1 text-sm font-medium text-stone-800">
          <span className="block">{labels.quantity}</span>
          <input
            className={inputClass}
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.min(stock, 999)}
            name="quantity"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="flex-1 rounded-lg bg-brand-700 px-4 py-2.5 text-base font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60 sm:flex-none sm:px-8"
        >
          {labels.add}
        </button>
      </div>
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`rounded-lg px-3 py-2 text-sm ${message.ok ? "bg-leaf-50 text-leaf-700" : "bg-red-50 text-red-800"}`}
        >
          {message.text}{" "}
          {message.ok ? (
            <LocalLink locale={locale} href="/cart" className="font-semibold underline">
              {labels.goToCart}
            </LocalLink>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
