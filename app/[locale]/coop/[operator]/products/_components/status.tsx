import { Badge } from "@/components/ui/Badge";
import type { ProductStatus } from "@/lib/generated/prisma/enums";

const tone = { DRAFT: "neutral", PENDING_CERTIFICATION: "gi", CERTIFIED: "certified", REJECTED: "warn" } as const;

/** 草稿 / 待认定 / 已认定 / 未通过 */
export function StatusBadge({ status, label }: { status: ProductStatus; label: string }) {
  return (
    <span data-testid="status" data-status={status}>
      <Badge tone={tone[status]}>{label}</Badge>
    </span>
  );
}

export function ListedBadge({ listed, label }: { listed: boolean; label: string }) {
  return listed ? (
    <span
      className="inline-flex items-center rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-inset ring-sky-600/30"
      data-testid="listed"
    >
      {label}
    </span>
  ) : (
    <span
      className="inline-flex items-center rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-600 ring-1 ring-inset ring-stone-400/30"
      data-testid="listed"
    >
      {label}
    </span>
  );
}
