import Link from "next/link";
import type { ComponentProps } from "react";
import { localizedPath, type Locale } from "@/lib/i18n/locales";

/** A link to an app path (written without locale prefix) in the given language. */
export function LocalLink({ locale, href, ...rest }: Omit<ComponentProps<typeof Link>, "href"> & { locale: Locale; href: string }) {
  return <Link href={localizedPath(locale, href)} {...rest} />;
}
