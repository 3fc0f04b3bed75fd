// Product photos: what is accepted (by the bytes, not the declared type) and where it is stored.
import { randomName } from "@/lib/storage";
import { MAX_PHOTO_BYTES } from "./listing";

export type PhotoType = { contentType: "image/jpeg" | "image/png" | "image/webp"; ext: "jpg" | "png" | "webp" };

/** The image type the file's first bytes say it is, or null for anything else (HEIC, GIF, SVG, PDF…). */
export function sniffImage(bytes: Uint8Array): PhotoType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { contentType: "image/jpeg", ext: "jpg" };
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v))
    return { contentType: "image/png", ext: "png" };
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { contentType: "image/webp", ext: "webp" };
  return null;
}

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; error: "photoEmpty" | "photoTooLarge" | "photoType" };

export function checkPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.length === 0) return { ok: false, error: "photoEmpty" };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, error: "photoTooLarge" };
  const type = sniffImage(bytes);
  return type ? { ok: true, type } : { ok: false, error: "photoType" };
}

/** products/<productId>/<random>.<ext>: the product id is a cuid (or a seed id), checked by the store. */
export function productPhotoKey(productId: string, ext: PhotoType["ext"]): string {
  return `products/${productId}/${randomName()}.${ext}`;
}
