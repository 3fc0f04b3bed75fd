// Texts of the storefront's small client widgets, passed as props so cached pages need not ship
// whole message namespaces to the browser.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { AddToCartLabels } from "./AddToCart";

const ADD_ERRORS = [
  "soldOut",
  "notEnoughStock",
  "quantityTooLarge",
  "cartQuantityInvalid",
  "cartFull",
  "productUnavailable",
  "invalidInput",
  "network",
  "unexpected",
];

export async function addToCartLabels(locale: Locale): Promise<AddToCartLabels> {
  const t = await getTranslations({ locale, namespace: "cart" });
  const e = await getTranslations({ locale, namespace: "errors" });
  return {
    quantity: t("quantity"),
    add: t("add"),
    added: t("added"),
    goToCart: t("goToCart"),
    soldOut: t("soldOut"),
    errors: Object.fromEntries(ADD_ERRORS.map((key) => [key, e.raw(key) as string])),
  };
}
