"use client";
// The product's photos: swipe between them on a phone (a scroll-snap strip: the browser does the
// swiping), tap a thumbnail to switch, tap the photo to see it full size (a dialog; pinch to zoom).
// The first photo is the page's largest paint: loaded eagerly, with high priority.
import { useRef, useState } from "react";

export interface GalleryImage {
  url: string;
  alt: string;
}

export function ProductGallery({ images, labels }: { images: GalleryImage[]; labels: { photo: string; zoom: string; close: string } }) {
  const strip = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState(0);
  if (!images.length) return null;

  const show = (i: number) => {
    const el = strip.current?.children[i] as HTMLElement | undefined;
    el?.scrollIntoView({ behavior: "smooth", block: "nearest", inline: "start" });
    setCurrent(i);
  };

  return (
    <div className="space-y-2">
      <div
        ref={strip}
        className="flex snap-x snap-mandatory overflow-x-auto rounded-2xl bg-brand-50 [scrollbar-width:none]"
        onScroll={(e) => {
          const el = e.currentTarget;
          const i = Math.round(el.scrollLeft / Math.max(1, el.clientWidth));
          if (i !== current) setCurrent(i);
        }}
        data-testid="gallery"
      >
        {images.map((img, i) => (
          <button
            key={img.url}
            type="button"
            className="w-full shrink-0 snap-start"
            onClick={() => {
              setCurrent(i);
              dialog.current?.showModal();
            }}
            aria-label={`${labels.zoom}: ${img.alt}`}
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={img.url}
              alt={img.alt}
              width={800}
              height={600}
              loading={i === 0 ? "eager" : "lazy"}
              fetchPriority={i === 0 ? "high" : "auto"}
              decoding={i === 0 ? "sync" : "async"}
              className="aspect-[4/3] w-full object-cover"
            />
          </button>
        ))}
      </div>
      {images.length > 1 ? (
        <ul className="grid grid-cols-5 gap-2" aria-label={labels.photo}>
          {images.map((img, i) => (
            <li key={img.url}>
              <button
                type="button"
                onClick={() => show(i)}
                aria-current={i === current ? "true" : undefined}
                aria-label={`${labels.photo} ${i + 1}`}
                className={`block w-full overflow-hidden rounded-lg ring-2 ${i === current ? "ring-brand-700" : "ring-transparent"}`}
                data-testid="gallery-thumb"
              >
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={img.url}
                  alt=""
                  width={160}
                  height={120}
                  loading="lazy"
                  className="aspect-[4/3] w-full bg-brand-50 object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <dialog
        ref={dialog}
        className="m-auto max-h-[95vh] w-[min(96vw,64rem)] rounded-xl bg-white p-0 backdrop:bg-black/70"
        onClick={(e) => {
          if (e.target === e.currentTarget) dialog.current?.close();
        }}
        data-testid="gallery-zoom"
      >
        <div className="relative">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={images[current]?.url} alt={images[current]?.alt ?? ""} className="max-h-[90vh] w-full object-contain" />
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="absolute right-2 top-2 rounded-full bg-white/90 px-3 py-1 text-sm font-semibold text-stone-900 shadow"
          >
            {labels.close}
          </button>
        </div>
      </dialog>
    </div>
  );
}
