import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPhoto, productPhotoKey, sniffImage } from "@/lib/products/photos";
import { fileUrl, isValidKey, keyOfUrl, LocalDiskStore } from "./index";

const dirs: string[] = [];
async function store() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "xk-store-"));
  dirs.push(dir);
  return { dir, store: new LocalDiskStore(dir) };
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e8f2d90000000049454e44ae426082",
  "hex",
);

describe("LocalDiskStore", () => {
  it("puts, gets and deletes a file with its content type", async () => {
    const { store: s } = await store();
    await s.put("products/p1/abc.png", PNG_1X1, "image/png");
    const got = await s.get("products/p1/abc.png");
    expect(got?.contentType).toBe("image/png");
    expect(Buffer.compare(got!.bytes, PNG_1X1)).toBe(0);
    await s.delete("products/p1/abc.png");
    expect(await s.get("products/p1/abc.png")).toBeNull();
    await s.delete("products/p1/abc.png"); // twice is fine
  });

  it("answers null for a missing file and for a directory", async () => {
    const { store: s } = await store();
    expect(await s.get("products/none/x.png")).toBeNull();
    await s.put("products/p2/a.png", PNG_1X1, "image/png");
    expect(await s.get("products/p2")).toBeNull();
  });

  it.each([
    "../secret",
    "products/../../etc/passwd",
    "products/..",
    "products/./x",
    "/etc/passwd",
    "products//x.png",
    "products/.hidden",
    "products\\..\\x",
    "products/%2e%2e/x",
    "single",
    "",
  ])("refuses the key %j", async (key) => {
    const { dir, store: s } = await store();
    await writeFile(path.join(dir, "secret"), "s3cret");
    expect(isValidKey(key)).toBe(false);
    expect(await s.get(key)).toBeNull();
    await expect(s.put(key, PNG_1X1, "image/png")).rejects.toThrow(/invalid storage key/);
    await expect(s.delete(key)).rejects.toThrow(/invalid storage key/);
    expect(await readdir(dir)).toEqual(["secret"]);
  });

  it("maps keys to URLs and back", () => {
    const key = productPhotoKey("cm123abc", "png");
    expect(key).toMatch(/^products\/cm123abc\/[A-Za-z0-9]+\.png$/);
    expect(isValidKey(key)).toBe(true);
    expect(keyOfUrl(fileUrl(key))).toBe(key);
    expect(keyOfUrl("/images/products/chili.svg")).toBeNull();
    expect(keyOfUrl("/api/files/../x")).toBeNull();
  });
});

describe("photo checks", () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
  const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);
  it("knows JPEG, PNG and WebP by their bytes", () => {
    expect(sniffImage(jpeg)?.contentType).toBe("image/jpeg");
    expect(sniffImage(PNG_1X1)?.contentType).toBe("image/png");
    expect(sniffImage(webp)?.contentType).toBe("image/webp");
  });
  it("refuses other files whatever their name says", () => {
    expect(checkPhoto(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toEqual({ ok: false, error: "photoType" });
    expect(checkPhoto(Buffer.from("GIF89a......"))).toEqual({ ok: false, error: "photoType" });
    expect(checkPhoto(Buffer.from("%PDF-1.7"))).toEqual({ ok: false, error: "photoType" });
    expect(checkPhoto(Buffer.alloc(0))).toEqual({ ok: false, error: "photoEmpty" });
    expect(checkPhoto(Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]))).toEqual({ ok: false, error: "photoTooLarge" });
    expect(checkPhoto(Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 - jpeg.length)])).ok).toBe(true);
  });
});
