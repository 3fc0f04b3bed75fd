"use client";
// The last resort, when even the root layout failed: its own <html>, the language from the URL.
import "./globals.css";
import { OutageNotice } from "@/components/OutageNotice";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = typeof window !== "undefined" && /^\/en(\/|$)/.test(window.location.pathname) ? "en" : "zh-CN";
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col px-4">
        <main className="flex-1">
          <OutageNotice locale={locale} digest={error.digest} onRetry={reset} />
        </main>
      </body>
    </html>
  );
}
