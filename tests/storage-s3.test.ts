// The S3-compatible FileStore (lib/storage/s3.ts) against a local S3 server (s3rver, a real HTTP
// server speaking the S3 protocol on loopback): the same contract as the disk store, and the file
// route serving a photo from it.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "@/app/api/files/[...key]/route";
import { registeredRoutes } from "@/lib/http/route";
import { storageConfig } from "@/lib/storage/config";
import { getFileStore, LocalDiskStore, setFileStoreForTests } from "@/lib/storage";
import { S3Store } from "@/lib/storage/s3";

const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e8f2d90000000049454e44ae426082",
  "hex",
);
const BUCKET = "xiaokang-test";
let server: S3rver;
let dir: string;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "xk-s3rver-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: Number(process.env.S3RVER_PORT || 0),
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  setFileStoreForTests(undefined);
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const store = (prefix = "") =>
  new S3Store({
    bucket: BUCKET,
    endpoint,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
    prefix,
  });

describe("S3Store", () => {
  it("puts, gets and deletes a file with its content type; a missing one is null; deleting twice is fine", async () => {
    const s = store();
    await s.put("products/p1/abc.png", PNG_1X1, "image/png");
    const got = await s.get("products/p1/abc.png");
    expect(got?.contentType).toBe("image/png");
    expect(Buffer.compare(got!.bytes, PNG_1X1)).toBe(0);
    await s.delete("products/p1/abc.png");
    expect(await s.get("products/p1/abc.png")).toBeNull();
    await s.delete("products/p1/abc.png");
    expect(await s.get("products/none/x.png")).toBeNull();
  });

  it("keeps Chinese text and large files intact, under the configured prefix", async () => {
    const s = store("xiaokang/");
    const text = Buffer.from("甘谷辣椒 · 付款凭证\n".repeat(1000), "utf8");
    await s.put("payouts/op1/proof.txt", text, "text/plain");
    expect((await s.get("payouts/op1/proof.txt"))!.bytes.toString("utf8")).toBe(text.toString("utf8"));
    expect(await store("").get("payouts/op1/proof.txt")).toBeNull(); // it is under xiaokang/
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    await s.put("products/p2/big.jpg", big, "image/jpeg");
    expect((await s.get("products/p2/big.jpg"))!.bytes.length).toBe(big.length);
  });

  it.each(["../secret", "products/../../etc/passwd", "products//x.png", "products/.hidden", "single", ""])(
    "refuses the key %j like the disk store",
    async (key) => {
      const s = store();
      expect(await s.get(key)).toBeNull();
      await expect(s.put(key, PNG_1X1, "image/png")).rejects.toThrow(/invalid storage key/);
      await expect(s.delete(key)).rejects.toThrow(/invalid storage key/);
    },
  );

  it("refuses a content type that is not one", async () => {
    await expect(store().put("products/p3/a.png", PNG_1X1, "image/png\r\nx-evil: 1")).rejects.toThrow(/invalid content type/);
  });

  it("is what the file route serves from when it is the store", async () => {
    const s = store();
    setFileStoreForTests(s);
    await s.put("products/p4/photo.png", PNG_1X1, "image/png");
    // As a visitor (no session) would fetch it, through the route's own definition.
    const route = registeredRoutes().find((r) => r.name === "files.get")!;
    const answer = await route.runAs(null, new Request("http://localhost/api/files/products/p4/photo.png"), {
      key: ["products", "p4", "photo.png"],
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(Buffer.compare(Buffer.from(await answer.arrayBuffer()), PNG_1X1)).toBe(0);
    setFileStoreForTests(undefined);
  });
});

describe("choosing the store", () => {
  it("the disk without S3 settings, S3 with S3_BUCKET, and an error for half-set credentials", () => {
    expect(storageConfig({})).toEqual({ kind: "disk" });
    expect(storageConfig({ S3_BUCKET: "" })).toEqual({ kind: "disk" });
    expect(
      storageConfig({
        S3_BUCKET: "bucket-a",
        S3_ENDPOINT: "https://oss-cn-lanzhou.aliyuncs.com",
        S3_REGION: "oss-cn-lanzhou",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "s",
      }),
    ).toEqual({
      kind: "s3",
      s3: {
        bucket: "bucket-a",
        endpoint: "https://oss-cn-lanzhou.aliyuncs.com",
        region: "oss-cn-lanzhou",
        accessKeyId: "id",
        secretAccessKey: "s",
        forcePathStyle: false,
        prefix: "",
      },
    });
    expect(() => storageConfig({ S3_BUCKET: "bucket-a", S3_ACCESS_KEY_ID: "id" })).toThrow(/both/);
    expect(() => storageConfig({ S3_BUCKET: "bucket-a", S3_ENDPOINT: "not a url" })).toThrow(/invalid/);
    expect(() => storageConfig({ S3_BUCKET: "bucket-a", S3_PREFIX: "../up" })).toThrow(/invalid/);
  });

  it("getFileStore picks the S3 store when S3_BUCKET is set", () => {
    const saved = { ...process.env };
    try {
      setFileStoreForTests(undefined);
      Object.assign(process.env, { S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: "1" });
      expect(getFileStore()).toBeInstanceOf(S3Store);
      setFileStoreForTests(undefined);
      delete process.env.S3_BUCKET;
      expect(getFileStore()).toBeInstanceOf(LocalDiskStore);
    } finally {
      for (const k of ["S3_BUCKET", "S3_ENDPOINT", "S3_FORCE_PATH_STYLE"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      setFileStoreForTests(undefined);
    }
  });
});
