import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import type { OrderStatus as Status } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/locales";

const TONE: Record<Status, "certified" | "neutral" | "gi" | "warn"> = {
  PENDING_PAYMENT: "gi",
  PAID: "certified",
  SHIPPED: "certified",
  DELIVERED: "certified",
  CANCELLED: "neutral",
  REFUNDED: "warn",
};

export async function OrderStatusBadge({ locale, status }: { locale: Locale; status: Status }) {
  const t = await getTranslations({ locale, namespace: "orders.status" });
  return (
    <span data-testid="order-status" data-status={status}>
      <Badge tone={TONE[status]}>{t(status)}</Badge>
    </span>
  );
}
