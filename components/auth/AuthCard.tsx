import type { ReactNode } from "react";

/** The narrow card the sign-in and sign-up pages sit in. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md space-y-4 sm:py-6">
      <section className="space-y-5 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-8" aria-labelledby="auth-title">
        <header className="space-y-1.5">
          <h1 id="auth-title" className="text-2xl font-bold">
            {title}
          </h1>
          <p className="text-sm leading-relaxed text-stone-700">{intro}</p>
        </header>
        {children}
      </section>
      <div className="space-y-2 px-1 text-sm text-stone-700">{footer}</div>
    </div>
  );
}
