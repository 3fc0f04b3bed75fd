"use server";
// Review actions: the buyer writes one (with photos checked like product photos), the seller replies
// once, an admin hides one. Thin: the rules are in ./reviews.ts; here the files are stored and the
// product's cached pages told.
import { defineAction } from "@/lib/actions/define.server";
import { reviewsChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { ActionError } from "@/lib/errors";
import { checkPhoto } from "@/lib/products/photos";
import { fileUrl, getFileStore, randomName } from "@/lib/storage";
import { createReview, hideReview, replyToReview, reviewableLine, reviewPhotoKey } from "./reviews";
import { hideInput, replyInput, reviewInput } from "./rules";

export const writeReview = defineAction({
  name: "review.create",
  input: reviewInput,
  allow: "signedIn",
  async run({ actor }, input) {
    // May this buyer review this line? Asked before any file is stored (asked again when writing).
    await reviewableLine(db, actor.userId, input.orderLineId);
    const checked: { bytes: Buffer; ext: string; contentType: string }[] = [];
    for (const file of input.photos) {
      const name = ((file as File).name || "").slice(0, 60);
      const bytes = Buffer.from(await file.arrayBuffer());
      const check = checkPhoto(bytes);
      if (!check.ok) throw new ActionError(check.error, { name, maxMb: 5 });
      checked.push({ bytes, ext: check.type.ext, contentType: check.type.contentType });
    }
    const store = getFileStore();
    const keys: string[] = [];
    try {
      for (const photo of checked) {
        const key = reviewPhotoKey(input.orderLineId, photo.ext, randomName());
        await store.put(key, photo.bytes, photo.contentType);
        keys.push(key);
      }
      const review = await createReview(db, actor.userId, {
        orderLineId: input.orderLineId,
        stars: input.stars,
        body: input.body,
        photos: keys.map(fileUrl),
      });
      reviewsChanged(review.productId);
      return { id: review.id, productSlug: review.productSlug };
    } catch (error) {
      await Promise.all(keys.map((key) => store.delete(key).catch(() => undefined)));
      throw error;
    }
  },
});

export const replyReview = defineAction({
  name: "review.reply",
  input: replyInput,
  allow: ["MANAGER", "ADMIN"],
  async run({ actor }, input) {
    const result = await replyToReview(db, actor, input);
    reviewsChanged(result.productId);
    return { id: result.id };
  },
});

export const hideReviewAction = defineAction({
  name: "review.hide",
  input: hideInput,
  allow: ["ADMIN"],
  async run({ actor }, input) {
    const result = await hideReview(db, actor, input);
    reviewsChanged(result.productId);
    return { id: result.id };
  },
});
