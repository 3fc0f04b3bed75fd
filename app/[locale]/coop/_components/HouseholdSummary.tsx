// One registered household as the console shows it: registry code, village, members, status
// and the MASKED ID number. Never the name, never the plaintext ID.
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import type { HouseholdRow } from "@/lib/benefits/queries";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";

export async function HouseholdSummary({
  locale,
  household,
  compact = false,
}: {
  locale: Locale;
  household: HouseholdRow;
  compact?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: "benefits.household" });
  const tone = household.status === "MONITORED" ? "warn" : household.status === "LIFTED" ? "certified" : "neutral";
  return (
    <div className="min-w-0 space-y-0.5">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-mono text-sm font-semibold text-stone-900" data-testid="registry-code">
          {household.registryCode}
        </span>
        <Badge tone={tone}>{t(`status.${household.status}`)}</Badge>
      </p>
      <p className="text-sm text-stone-700">
        {localName(locale, household.township)} · {localName(locale, household.village)} · {t("members", { count: household.members })}
      </p>
      {compact ? null : (
        <p className="text-xs text-stone-600">
          {t("idMasked")} <span className="font-mono">{household.idNumberMasked}</span>
        </p>
      )}
    </div>
  );
}
