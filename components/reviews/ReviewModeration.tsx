"use client";
// The seller's one reply to a review, and the admin's hiding of one (with a reason, audited).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";
import { hideReviewAction, replyReview } from "@/lib/reviews/actions";
import { HIDE_REASON_MAX_CHARS, REPLY_MAX_CHARS } from "@/lib/reviews/rules";

export function ReplyForm({ reviewId }: { reviewId: string }) {
  const t = useTranslations("reviews.console");
  const router = useRouter();
  const id = useId();
  const form = useActionForm(replyReview);
  useEffect(() => {
    if (form.state?.ok) router.refresh();
  }, [form.state, router]);
  return (
    <form onSubmit={form.onSubmit} method="post" noValidate className="space-y-2" data-testid="reply-form">
      <input type="hidden" name="reviewId" value={reviewId} />
      <Field id={`${id}-reply`} label={t("replyLabel", { max: REPLY_MAX_CHARS })} errors={fieldErrors(form.state, "reply")}>
        <textarea id={`${id}-reply`} name="reply" rows={2} maxLength={REPLY_MAX_CHARS * 2} className={inputClass} />
      </Field>
      <SubmitButton disabled={form.pending}>{t("replySubmit")}</SubmitButton>
      <FormMessage state={form.state} success={t("replied")} />
    </form>
  );
}

export function HideForm({ reviewId }: { reviewId: string }) {
  const t = useTranslations("reviews.admin");
  const router = useRouter();
  const id = useId();
  const form = useActionForm(hideReviewAction);
  useEffect(() => {
    if (form.state?.ok) router.refresh();
  }, [form.state, router]);
  return (
    <form onSubmit={form.onSubmit} method="post" noValidate className="flex flex-wrap items-end gap-2" data-testid="hide-form">
      <input type="hidden" name="reviewId" value={reviewId} />
      <div className="min-w-0 flex-1">
        <Field id={`${id}-reason`} label={t("hideReason")} errors={fieldErrors(form.state, "reason")}>
          <input id={`${id}-reason`} name="reason" type="text" maxLength={HIDE_REASON_MAX_CHARS} className={inputClass} />
        </Field>
      </div>
      <SubmitButton disabled={form.pending} className="bg-red-700 hover:bg-red-800">
        {t("hide")}
      </SubmitButton>
      <FormMessage state={form.state} />
    </form>
  );
}
