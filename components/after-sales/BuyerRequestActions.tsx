"use client";
// The shopper's answers to a seller's offer or refusal: take the offer, or ask the platform.
import { useTranslations } from "next-intl";
import { acceptAfterSaleOfferAction, escalateAfterSaleAction } from "@/lib/after-sales/actions";
import { formatFen } from "@/lib/money";
import { StepButton } from "./RequestButtons";

export function BuyerRequestActions({
  number,
  token,
  requestId,
  status,
  offeredFen,
}: {
  number: string;
  token: string;
  requestId: string;
  status: "PARTIAL" | "REFUSED";
  offeredFen: number | null;
}) {
  const t = useTranslations("afterSales");
  return (
    <div className="flex flex-wrap gap-3">
      {status === "PARTIAL" && offeredFen ? (
        <StepButton
          testId="after-sale-accept-offer"
          label={t("acceptOffer", { amount: formatFen(offeredFen) })}
          confirm={t("acceptOfferConfirm", { amount: formatFen(offeredFen) })}
          done={t("done")}
          run={() => acceptAfterSaleOfferAction({ number, token, requestId })}
        />
      ) : null}
      <StepButton
        testId="after-sale-escalate"
        tone="secondary"
        label={t("escalate")}
        confirm={t("escalateConfirm")}
        done={t("escalated")}
        run={() => escalateAfterSaleAction({ number, token, requestId })}
      />
    </div>
  );
}
