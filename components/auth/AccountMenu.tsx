"use client";
// The account corner of the header. The session comes from the browser (useAccount asks
// /api/auth/session), so the layout and every cached storefront page stay the same for everyone;
// the labels come from the server layout as props, so no messages are sent to the client for it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useAccount } from "./account-session";

export interface AccountMenuLabels {
  signIn: string;
  /** "My account: {name}" with the placeholder unfilled. */
  accountOf: string;
  coop: string;
  admin: string;
  office: string;
  /** An institutional buyer's organisations (/org). */
  organisation: string;
}

const linkClass = "whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium hover:bg-stone-100";
const AUTH_PAGE = /^(?:\/en)?\/(?:signin|signup)(?:\/|$)/;

export function AccountMenu({ locale, labels }: { locale: Locale; labels: AccountMenuLabels }) {
  const account = useAccount();
  const pathname = usePathname() ?? "/";

  if (account.status === "loading") {
    // Holds the place of the sign-in link so the header does not jump when the session arrives.
    return <span aria-hidden className="inline-block h-7 w-10" />;
  }

  if (account.status !== "authenticated") {
    const home = localizedPath(locale, "/");
    // Come back here after signing in (but not to the home page: managers land in their console).
    const back = pathname !== home && !AUTH_PAGE.test(pathname) ? `?callbackUrl=${encodeURIComponent(pathname)}` : "";
    return (
      <Link
        href={`${localizedPath(locale, "/signin")}${back}`}
        prefetch={false}
        className={`${linkClass} text-brand-700`}
        data-testid="account-signin"
      >
        {labels.signIn}
      </Link>
    );
  }

  const { user } = account;
  const name = user.name || user.email || "";
  const consoleLink =
    user.role === "ADMIN"
      ? { href: "/admin", label: labels.admin }
      : user.role === "MANAGER"
        ? { href: "/coop", label: labels.coop }
        : user.role === "OFFICER"
          ? { href: "/office", label: labels.office }
          : user.role === "INSTITUTION"
            ? { href: "/org", label: labels.organisation }
            : null;
  return (
    <>
      {consoleLink ? (
        // On phones the console is one tap further, on the account page: the header has no room.
        <Link
          href={localizedPath(locale, consoleLink.href)}
          prefetch={false}
          className={`${linkClass} hidden text-stone-800 sm:inline`}
          data-testid="account-console"
        >
          {consoleLink.label}
        </Link>
      ) : null}
      <Link
        href={localizedPath(locale, "/account")}
        prefetch={false}
        title={labels.accountOf.replace("{name}", name)}
        className="flex min-w-0 items-center gap-1.5 rounded-md px-1 py-0.5 text-sm font-medium text-stone-800 hover:bg-stone-100 sm:px-2"
        data-testid="account-link"
      >
        <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-brand-100 text-xs font-bold text-brand-800">
          {Array.from(name)[0]?.toUpperCase() ?? "?"}
        </span>
        <span className="sr-only sm:not-sr-only sm:max-w-[10rem] sm:truncate" data-testid="account-name">
          {name}
        </span>
      </Link>
    </>
  );
}
