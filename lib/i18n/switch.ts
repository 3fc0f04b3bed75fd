import { defaultLocale, isLocale, localizedPath, type Locale } from "./locales";

/**
 * The same page in another language. `from` is the page's public URL (as the browser shows it);
 * only its path and query are used, so a link can never lead off the site.
 */
export function samePageIn(target: Locale, from: URL | null): string {
  if (!from) return localizedPath(target, "/");
  const bare = from.pathname.replace(/^\/(en|zh-CN)(?=\/|$)/, "") || "/";
  // "//host/…" or "/\\host" would leave the site: go home instead.
  if (/^\/[\/\\]/.test(bare)) return localizedPath(target, "/");
  return `${localizedPath(target, bare)}${from.search}`;
}

export function parseLocale(value: string | null): Locale {
  return isLocale(value) ? value : defaultLocale;
}
