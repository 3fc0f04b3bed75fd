import Link from "next/link";
import type { ComponentProps } from "react";
import { localizedPath, type Locale } from "@/lib/i18n/locales";

/**
 * A link to an app path (written without locale prefix) in the given language.
 * It does not prefetch unless asked (`prefetch`): Next fetches the RSC payload of every link in view
 * once the page is idle, which on a storefront page (header, footer, breadcrumb, cards) was 8–11
 * requests a page, data and main-thread work on a phone, for pages most visitors never open. A click
 * still navigates in the page, it only waits for that one page's payload.
 */
export function LocalLink({
  locale,
  href,
  prefetch = false,
  ...rest
}: Omit<ComponentProps<typeof Link>, "href"> & { locale: Locale; href: string }) {
  return <Link href={localizedPath(locale, href)} prefetch={prefetch} {...rest} />;
}
