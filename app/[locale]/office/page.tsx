// /office: the console opens on its first section, product certification.
import { notFound, redirect } from "next/navigation";
import { isLocale, localizedPath } from "@/lib/i18n/locales";

export default async function OfficeHome({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  redirect(localizedPath(locale, "/office/certification"));
}
