"use client";
// next-auth's session context for client components (the header's account widget, the forms).
// The session is fetched by the browser from /api/auth/session, never read while the server renders
// a page, so storefront pages stay cacheable.
import { SessionProvider as NextAuthSessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import "@/lib/zod-browser"; // no eval probe under the CSP

export function SessionProvider({ children }: { children: ReactNode }) {
  return <NextAuthSessionProvider>{children}</NextAuthSessionProvider>;
}
