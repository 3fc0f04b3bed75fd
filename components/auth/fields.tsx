"use client";
// Small shared pieces of the sign-in, sign-up and password forms.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, type ComponentProps } from "react";
import { inputClass } from "@/components/ui/styles";
import { safeCallbackPath } from "./sign-in";

/** Props that tie an input to the error messages Field renders under it. */
export function invalidProps(id: string, errors: string[] | undefined) {
  return errors?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

export function TextInput({ id, errors, ...rest }: ComponentProps<"input"> & { id: string; errors?: string[] }) {
  return <input id={id} className={`${inputClass} py-2.5 text-base sm:text-sm`} {...invalidProps(id, errors)} {...rest} />;
}

function WithCallback({ href, ...rest }: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  const callback = safeCallbackPath(useSearchParams()?.get("callbackUrl"));
  return <Link href={callback ? `${href}?callbackUrl=${encodeURIComponent(callback)}` : href} {...rest} />;
}

/** A link between sign-in and sign-up that keeps the page's callbackUrl. */
export function KeepCallbackLink(props: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  return (
    <Suspense fallback={<Link {...props} />}>
      <WithCallback {...props} />
    </Suspense>
  );
}
