"use client";
// A product's photos: the current ones in order (the first is the cover), moved up/down or removed,
// and an upload form. Big phone photos are made smaller in the browser before they are sent
// (JPEG, at most 2000 px, under the request size limit), which also drops their location data; the server checks every file's
// bytes anyway. Files go one per request, so one slow or refused photo does not lose the others.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { moveProductPhoto, removeProductPhoto, uploadProductPhotos } from "@/lib/products/actions";
import { ActionForm } from "./ActionForm";

export interface Photo {
  id: string;
  url: string;
  alt: string;
}

// Server actions accept request bodies up to 1 MB unless next.config.ts raises
// experimental.serverActions.bodySizeLimit; photos are made to fit under it here.
const SEND_LIMIT_BYTES = 950_000;
const STEPS = [
  { side: 2000, quality: 0.85 },
  { side: 1600, quality: 0.8 },
  { side: 1280, quality: 0.75 },
  { side: 1024, quality: 0.7 },
];

/** The file to send, or "notAPhoto" when the browser cannot read a file too big to send as it is. */
async function prepare(file: File): Promise<File | "notAPhoto"> {
  if (file.size <= SEND_LIMIT_BYTES) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file); // applies the photo's EXIF orientation
  } catch {
    // Browsers read every JPEG, PNG and WebP: a file they cannot read is not one (the server would refuse it too).
    return "notAPhoto";
  }
  try {
    for (const step of STEPS) {
      const scale = Math.min(1, step.side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const ctx = canvas.getContext("2d");
      if (!ctx) return file;
      ctx.fillStyle = "#fff"; // transparent PNG areas become white, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", step.quality));
      if (blob && blob.size <= SEND_LIMIT_BYTES)
        return new File([blob], file.name.replace(/\.[^.]*$/u, "") + ".jpg", { type: "image/jpeg" });
    }
    return file;
  } finally {
    bitmap.close();
  }
}

type UploadState = ActionResult<{ done: number }> & { round: number };

export function PhotoManager({ productId, photos, max }: { productId: string; photos: Photo[]; max: number }) {
  const t = useTranslations("listings.photos");
  const router = useRouter();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [chosen, setChosen] = useState<{ name: string; url: string }[]>([]);
  const room = Math.max(0, max - photos.length);

  const [state, upload] = useActionState<UploadState | undefined, FormData>(async (previous, form): Promise<UploadState> => {
    const round = (previous?.round ?? 0) + 1;
    const files = form.getAll("files").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
    if (files.length === 0) return { ok: false, error: "invalidInput", fieldErrors: { files: ["photoMissing"] }, round };
    if (files.length > room) return { ok: false, error: "photoTooMany", values: { max, room }, round };
    let done = 0;
    for (const file of files) {
      setProgress({ done, total: files.length });
      const prepared = await prepare(file);
      if (prepared === "notAPhoto") {
        setProgress(null);
        if (done > 0) router.refresh();
        return { ok: false, error: "photoType", values: { name: file.name.slice(0, 60), done }, round };
      }
      const one = new FormData();
      one.set("productId", productId);
      one.append("files", prepared);
      let result: ActionResult;
      try {
        result = await uploadProductPhotos(undefined, one);
      } catch {
        result = { ok: false, error: "photoUploadFailed", values: { name: file.name.slice(0, 60) } };
      }
      if (!result.ok) {
        setProgress(null);
        if (done > 0) router.refresh();
        const values: Record<string, string | number> = { ...(result.values ?? {}), done };
        return { ok: false, error: result.error, values, fieldErrors: result.fieldErrors, round };
      }
      done += 1;
    }
    setProgress(null);
    router.refresh();
    return { ok: true, data: { done }, round };
  }, undefined);

  useEffect(() => {
    // Clears the picked files once the upload they were picked for has succeeded.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (state?.ok) setChosen([]);
  }, [state]);
  useEffect(() => () => chosen.forEach((c) => URL.revokeObjectURL(c.url)), [chosen]);

  const partial = state && !state.ok && Number(state.values?.done ?? 0) > 0 ? t("partial", { done: Number(state.values?.done) }) : null;

  return (
    <div className="space-y-4" data-testid="photos">
      {photos.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 px-3 py-6 text-center text-sm text-stone-600">{t("none")}</p>
      ) : (
        <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={t("current")}>
          {photos.map((photo, i) => (
            <li key={photo.id} className="overflow-hidden rounded-xl bg-white ring-1 ring-stone-200" data-testid="photo">
              <div className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={photo.url} alt={photo.alt} width={300} height={225} className="aspect-[4/3] w-full bg-brand-50 object-cover" />
                <span className="absolute left-1.5 top-1.5 rounded-full bg-black/60 px-2 py-0.5 text-xs font-medium text-white">
                  {i === 0 ? t("cover") : t("number", { n: i + 1 })}
                </span>
              </div>
              <div className="flex items-center justify-between gap-1 p-1.5">
                <div className="flex gap-1">
                  {i > 0 ? (
                    <ActionForm
                      action={moveProductPhoto}
                      fields={{ imageId: photo.id, direction: "up" }}
                      label={t("moveUp", { n: i + 1 })}
                      variant="icon"
                    >
                      <span aria-hidden>←</span>
                    </ActionForm>
                  ) : null}
                  {i < photos.length - 1 ? (
                    <ActionForm
                      action={moveProductPhoto}
                      fields={{ imageId: photo.id, direction: "down" }}
                      label={t("moveDown", { n: i + 1 })}
                      variant="icon"
                    >
                      <span aria-hidden>→</span>
                    </ActionForm>
                  ) : null}
                </div>
                <ActionForm
                  action={removeProductPhoto}
                  fields={{ imageId: photo.id }}
                  label={t("remove", { n: i + 1 })}
                  confirm={t("removeConfirm")}
                  variant="danger"
                  className="[&_button]:px-2.5 [&_button]:py-1.5"
                >
                  {t("removeShort")}
                </ActionForm>
              </div>
            </li>
          ))}
        </ol>
      )}

      {room > 0 ? (
        <form key={state?.round ?? 0} action={upload} className="space-y-3 rounded-xl bg-stone-100 p-3" data-testid="photo-upload">
          <Field
            id="photo-files"
            label={t("add", { room })}
            hint={t("rules")}
            errors={state && !state.ok ? state.fieldErrors?.files : undefined}
          >
            <div className="flex flex-wrap items-center gap-3">
              <input
                id="photo-files"
                name="files"
                type="file"
                multiple
                accept="image/jpeg,image/png,image/webp"
                className="peer sr-only"
                onChange={(event) => {
                  const files = [...(event.currentTarget.files ?? [])];
                  setChosen(files.slice(0, 8).map((f) => ({ name: f.name, url: URL.createObjectURL(f) })));
                }}
              />
              <label
                htmlFor="photo-files"
                className="cursor-pointer rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-inset ring-brand-700/40 hover:bg-brand-50 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600"
              >
                {t("choose")}
              </label>
              <span className="text-sm text-stone-700" aria-live="polite">
                {chosen.length ? t("chosenCount", { n: chosen.length }) : t("noneChosen")}
              </span>
            </div>
          </Field>
          {chosen.length ? (
            <ul className="flex flex-wrap gap-2" aria-label={t("chosen")}>
              {chosen.map((c) => (
                <li key={c.url} className="w-16">
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={c.url} alt={c.name} className="h-16 w-16 rounded-lg bg-white object-cover ring-1 ring-stone-300" />
                </li>
              ))}
            </ul>
          ) : null}
          {state && !state.ok ? <FormMessage state={state} /> : null}
          {partial ? <p className="text-sm text-stone-700">{partial}</p> : null}
          {state?.ok ? <FormMessage state={state} success={t("uploaded", { n: state.data.done })} /> : null}
          <SubmitButton className="w-full sm:w-auto">
            {progress ? t("uploading", { done: progress.done + 1, total: progress.total }) : t("upload")}
          </SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-stone-600">{t("full", { max })}</p>
      )}
    </div>
  );
}
