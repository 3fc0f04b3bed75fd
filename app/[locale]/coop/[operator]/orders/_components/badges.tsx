// The shipping status of the operator's part of an order, as a coloured label.
import type { ShipmentStatus } from "@/lib/generated/prisma/enums";

const tones: Record<ShipmentStatus, string> = {
  TO_SHIP: "bg-amber-50 text-amber-900 ring-amber-600/30",
  SHIPPED: "bg-sky-50 text-sky-900 ring-sky-600/30",
  DELIVERED: "bg-leaf-50 text-leaf-700 ring-leaf-600/30",
  CANCELLED: "bg-stone-100 text-stone-700 ring-stone-400/30",
};

export function ShipmentBadge({ status, label }: { status: ShipmentStatus; label: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}
      data-testid="shipment-status"
      data-status={status}
    >
      {label}
    </span>
  );
}
