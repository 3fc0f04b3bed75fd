// Who is signed in, for the few client components that show it (the header's account corner, the
// sign-in page). It replaces next-auth's client SessionProvider, which every storefront page used
// to hydrate around its whole tree: here one small store asks /api/auth/session once per page load
// (the cached pages hold no user data), again when the tab comes back into view or another tab
// signs in or out, and whenever a form of this tab signs in or out (refreshAccount).
import { useSyncExternalStore } from "react";

export interface AccountUser {
  name?: string | null;
  email?: string | null;
  role?: string;
}

export type AccountState = { status: "loading" } | { status: "authenticated"; user: AccountUser } | { status: "unauthenticated" };

const LOADING: AccountState = { status: "loading" };
const SIGNED_OUT: AccountState = { status: "unauthenticated" };
// next-auth's own cross-tab message (localStorage key), written by signOut in another tab.
const NEXTAUTH_MESSAGE = "nextauth.message";

let state: AccountState = LOADING;
let inflight: Promise<AccountState> | null = null;
let watching = false;
const listeners = new Set<() => void>();

function publish(next: AccountState) {
  state = next;
  for (const listener of listeners) listener();
}

/** The session as the server sees it now; every subscriber re-renders with it. */
export function refreshAccount(): Promise<AccountState> {
  inflight ??= fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" })
    .then((response) => (response.ok ? (response.json() as Promise<{ user?: AccountUser } | null>) : null))
    .then((body) => (body?.user ? ({ status: "authenticated", user: body.user } as const) : SIGNED_OUT))
    // Offline or a server error: show the sign-in link rather than an empty corner.
    .catch(() => SIGNED_OUT)
    .then((next) => {
      publish(next);
      return next;
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Ask again when another tab signs in or out, or this tab comes back into view (once per page). */
export function watchAccountChanges() {
  if (watching) return;
  watching = true;
  window.addEventListener("storage", (event) => {
    if (event.key === NEXTAUTH_MESSAGE) void refreshAccount();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void refreshAccount();
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  watchAccountChanges();
  if (state === LOADING) void refreshAccount();
  return () => listeners.delete(listener);
}

/** The signed-in user, read in the browser; "loading" while the server renders and until the first answer. */
export function useAccount(): AccountState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => LOADING,
  );
}
