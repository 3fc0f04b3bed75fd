"use client";
// A page that failed (most often: the database cannot be reached) shows this instead of Next's
// English default: in the page's language, with no internal detail, a retry and a way home. The
// texts come with the page (messages/*/outage.json), since the failure may be in loading them.
import { useParams } from "next/navigation";
import { OutageNotice } from "@/components/OutageNotice";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const params = useParams<{ locale?: string }>();
  return <OutageNotice locale={params?.locale === "en" ? "en" : "zh-CN"} digest={error.digest} onRetry={reset} />;
}
