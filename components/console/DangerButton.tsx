"use client";
// A red submit button for irreversible changes (delete, revoke); disabled while its form submits.
import type { ComponentProps } from "react";
import { useFormStatus } from "react-dom";

export function DangerButton({ children, ...rest }: ComponentProps<"button">) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || rest.disabled}
      aria-disabled={pending || rest.disabled}
      className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:cursor-wait disabled:opacity-60"
      {...rest}
    >
      {children}
    </button>
  );
}
