// One seller's shipping line under its goods (order page, checkout): the fee, or 包邮 when free.
import { formatFen } from "@/lib/money";

export function ShippingLine({
  feeFen,
  refundedFen = 0,
  coldChain = false,
  labels,
}: {
  feeFen: number;
  refundedFen?: number;
  coldChain?: boolean;
  labels: { shipping: string; free: string; coldChain: string; refunded: string };
}) {
  return (
    <li className="flex flex-wrap justify-between gap-2 bg-stone-50 px-4 py-2 text-sm" data-testid="shipping-line">
      <span className="text-stone-700">
        {labels.shipping}
        {coldChain ? <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">{labels.coldChain}</span> : null}
        {refundedFen > 0 ? <span className="ml-2 text-red-700">{labels.refunded.replace("{amount}", formatFen(refundedFen))}</span> : null}
      </span>
      <span data-testid="shipping-fee">{feeFen > 0 ? formatFen(feeFen) : labels.free}</span>
    </li>
  );
}
