"use client";
// 立即购买: straight to checkout with this product alone (the cart is left as it is), in the
// quantity chosen beside "add to cart". A plain GET form: without JavaScript it buys one.
import { localizedPath, type Locale } from "@/lib/i18n/locales";

export function BuyNow({ locale, productId, label }: { locale: Locale; productId: string; label: string }) {
  return (
    <form
      action={localizedPath(locale, "/checkout")}
      method="get"
      onSubmit={(event) => {
        const chosen = document.querySelector<HTMLInputElement>('[data-testid="add-to-cart"] input[name="quantity"]')?.value;
        const qty = event.currentTarget.elements.namedItem("qty") as HTMLInputElement;
        if (chosen && /^\d{1,3}$/.test(chosen)) qty.value = chosen;
      }}
    >
      <input type="hidden" name="buy" value={productId} />
      <input type="hidden" name="qty" value="1" />
      <button
        type="submit"
        className="w-full rounded-lg bg-amber-500 px-4 py-2.5 text-base font-semibold text-stone-950 hover:bg-amber-400 sm:w-auto sm:px-8"
        data-testid="buy-now"
      >
        {label}
      </button>
    </form>
  );
}
