// A labelled field with its messages, already in the user's language; the control is passed as
// children. No translation hooks: client components that get their texts as props (the campaign
// page's buy box) use it without next-intl's client. form.tsx's Field translates error keys first.
import type { ReactNode } from "react";

export function LabelledField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-stone-600">{hint}</p> : null}
      {errors?.map((e) => (
        <p key={e} id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {e}
        </p>
      ))}
    </div>
  );
}
