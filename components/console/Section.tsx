import type { ReactNode } from "react";
import { cardClass } from "./styles";

/** A titled card of a console page; its heading labels it for screen readers. */
export function Section({
  title,
  id,
  children,
  testId,
  className = "",
}: {
  title: string;
  id: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section aria-labelledby={id} className={`${cardClass} ${className}`} data-testid={testId}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
