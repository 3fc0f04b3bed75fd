"use client";
// The buyer's review of one delivered line: stars (radio buttons, keyboard-friendly), optional text
// and photos. Closed behind a "评价" button so an order page with several lines stays short.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";
import { writeReview } from "@/lib/reviews/actions";
import { MAX_REVIEW_PHOTOS, REVIEW_MAX_CHARS } from "@/lib/reviews/rules";

export function ReviewForm({ orderLineId, product }: { orderLineId: string; product: string }) {
  const t = useTranslations("reviews.form");
  const tr = useTranslations("reviews");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [stars, setStars] = useState(5);
  const [text, setText] = useState("");
  const form = useActionForm(writeReview);
  const state = form.state;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = (name: string) => fieldErrors(state, name);

  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-lg bg-white px-3 py-1 text-sm font-medium text-brand-700 ring-1 ring-brand-700/40"
        data-testid="review-open"
      >
        {t("open")}
      </button>
    );
  return (
    <form
      onSubmit={form.onSubmit}
      method="post"
      encType="multipart/form-data"
      noValidate
      className="w-full space-y-3 rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200"
      data-testid="review-form"
    >
      <p className="text-sm font-semibold">{t("title", { product })}</p>
      <input type="hidden" name="orderLineId" value={orderLineId} />
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">{t("stars")}</legend>
        <div className="flex gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="cursor-pointer p-1 text-3xl leading-none">
              <input
                type="radio"
                name="stars"
                value={n}
                checked={stars === n}
                onChange={() => setStars(n)}
                className="sr-only"
                aria-label={tr("stars", { stars: n })}
              />
              <span aria-hidden className={n <= stars ? "text-amber-500" : "text-stone-300"}>
                ★
              </span>
            </label>
          ))}
        </div>
        {errors("stars")?.length ? <FormMessage state={state} /> : null}
      </fieldset>
      <Field
        id={`${id}-body`}
        label={t("body", { max: REVIEW_MAX_CHARS })}
        hint={t("count", { n: [...text].length, max: REVIEW_MAX_CHARS })}
        errors={errors("body")}
      >
        <textarea
          id={`${id}-body`}
          name="body"
          rows={3}
          maxLength={REVIEW_MAX_CHARS * 2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("placeholder")}
          className={inputClass}
        />
      </Field>
      <Field id={`${id}-photos`} label={t("photos", { max: MAX_REVIEW_PHOTOS })} errors={errors("photos")}>
        <input
          id={`${id}-photos`}
          name="photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          className="block w-full text-sm"
        />
      </Field>
      <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}
