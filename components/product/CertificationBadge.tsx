// The 消费帮扶 badge, which opens the certification's details: the certifying office, the date and
// until when. A <details>: it works without JavaScript.
import { shanghaiFormat } from "@/lib/time/shanghai";

export interface CertificationLabels {
  certified: string;
  title: string;
  office: string;
  officeName: string;
  certifiedOn: string;
  validUntil: string;
  unknown: string;
  note: string;
}

const day = (iso: string | null, locale: string, unknown: string) =>
  iso ? shanghaiFormat(locale === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium" }).format(new Date(iso)) : unknown;

export function CertificationBadge({
  locale,
  certification,
  labels,
}: {
  locale: string;
  certification: { countyZh: string; countyEn: string; certifiedAt: string | null; until: string | null };
  labels: CertificationLabels;
}) {
  const county = locale === "en" ? certification.countyEn : certification.countyZh;
  return (
    <details className="group relative" data-testid="certification">
      <summary
        className="inline-flex cursor-pointer list-none items-center gap-1 rounded-full bg-leaf-50 px-2.5 py-1 text-xs font-semibold text-leaf-700 ring-1 ring-leaf-700/30 [&::-webkit-details-marker]:hidden"
        title={labels.title}
      >
        ✓ {labels.certified}
        <span aria-hidden className="transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="absolute left-0 z-20 mt-2 w-72 rounded-xl bg-white p-3 text-sm shadow-lg ring-1 ring-stone-200">
        <p className="mb-2 font-semibold text-stone-900">{labels.title}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-stone-600">{labels.office}</dt>
          <dd>{labels.officeName.replace("{county}", county)}</dd>
          <dt className="text-stone-600">{labels.certifiedOn}</dt>
          <dd>{day(certification.certifiedAt, locale, labels.unknown)}</dd>
          <dt className="text-stone-600">{labels.validUntil}</dt>
          <dd data-testid="certified-until">{day(certification.until, locale, labels.unknown)}</dd>
        </dl>
        <p className="mt-2 text-xs text-stone-600">{labels.note}</p>
      </div>
    </details>
  );
}
