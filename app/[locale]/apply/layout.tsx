// /apply: 开店申请, the public application to sell, and /apply/status, the applicant's own
// applications. Per visitor (the session decides whether the form asks for an account): never cached.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export default async function ApplyLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const all = await getMessages({ locale });
  const messages = { apply: all.apply, errors: all.errors };
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      <div className="mx-auto max-w-2xl space-y-5">{children}</div>
    </NextIntlClientProvider>
  );
}
