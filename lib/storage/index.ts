// Where uploaded files live. Everything goes through the FileStore interface (put with the content
// type as object metadata, get, delete): the local disk store by default (one machine), or an
// S3-compatible object store (Aliyun OSS, Tencent COS, MinIO, R2: ./s3.ts) when S3_BUCKET is set,
// which several app processes on several machines share (./config.ts lists the settings).
//
// Keys are made by the code (see productPhotoKey), never taken from a request as a path: each
// segment is checked against a strict pattern, and the resolved path must stay inside the root.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env/env";
import { storageConfig } from "./config";
import { CONTENT_TYPE, InvalidKeyError, isValidKey } from "./keys";
import { S3Store } from "./s3";

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such file. */
  get(key: string): Promise<StoredFile | null>;
  /** Deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
}

export { CONTENT_TYPE, InvalidKeyError, isValidKey } from "./keys";

/** Files under <root>/files/<key>, their content type under <root>/meta/<key>.json. */
export class LocalDiskStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private paths(key: string): { file: string; meta: string } {
    if (!isValidKey(key)) throw new InvalidKeyError(key);
    const filesRoot = path.join(this.root, "files");
    const metaRoot = path.join(this.root, "meta");
    const file = path.resolve(filesRoot, ...key.split("/"));
    const meta = path.resolve(metaRoot, ...key.split("/")) + ".json";
    if (!file.startsWith(filesRoot + path.sep) || !meta.startsWith(metaRoot + path.sep)) throw new InvalidKeyError(key);
    return { file, meta };
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (!CONTENT_TYPE.test(contentType)) throw new Error(`invalid content type: ${contentType}`);
    const { file, meta } = this.paths(key);
    await mkdir(path.dirname(file), { recursive: true });
    await mkdir(path.dirname(meta), { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, bytes);
    await writeFile(meta, JSON.stringify({ contentType }));
    await rename(tmp, file);
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isValidKey(key)) return null;
    const { file, meta } = this.paths(key);
    try {
      const [bytes, info] = await Promise.all([readFile(file), readFile(meta, "utf8")]);
      const contentType = (JSON.parse(info) as { contentType?: unknown }).contentType;
      return {
        bytes,
        contentType: typeof contentType === "string" && CONTENT_TYPE.test(contentType) ? contentType : "application/octet-stream",
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { file, meta } = this.paths(key);
    await Promise.all([rm(file, { force: true }), rm(meta, { force: true })]);
  }
}

let store: FileStore | undefined;

/** The store of this process: the object store of S3_BUCKET, or the local disk under UPLOAD_DIR (default .data/uploads). */
export function getFileStore(): FileStore {
  if (store) return store;
  const config = storageConfig();
  store =
    config.kind === "s3" ? new S3Store(config.s3) : new LocalDiskStore(env().UPLOAD_DIR || path.join(process.cwd(), ".data", "uploads"));
  return store;
}

/** Tests: use another store (or reset to the default with undefined). */
export function setFileStoreForTests(next: FileStore | undefined): void {
  store = next;
}

/** A fresh random file name part: 16 bytes, URL-safe. */
export function randomName(): string {
  return randomBytes(16).toString("base64url").replaceAll("_", "x").replaceAll("-", "y");
}

/** The URL a stored file is served at (app/api/files/[...key]/route.ts). */
export function fileUrl(key: string): string {
  return `/api/files/${key}`;
}

/** The key behind a URL made by fileUrl, or null. */
export function keyOfUrl(url: string): string | null {
  const prefix = "/api/files/";
  if (!url.startsWith(prefix)) return null;
  const key = url.slice(prefix.length);
  return isValidKey(key) ? key : null;
}
