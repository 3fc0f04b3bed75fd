// Where a signed-out visitor of the console is sent: the sign-in page, with the way back.
// (A layout does not know the URL it renders for, so each level sends back to the most precise
// address it knows: /coop, or /coop/<operator>.)
import { redirect } from "next/navigation";
import { localizedPath, type Locale } from "@/lib/i18n/locales";

export function redirectToSignIn(locale: Locale, back: string): never {
  redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent(localizedPath(locale, back))}`);
}
