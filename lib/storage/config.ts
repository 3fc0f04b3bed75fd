// Where uploaded files go, from the environment (checked with zod when the store is first used):
//   S3_BUCKET              set: an S3-compatible object store (./s3.ts); unset: the local disk
//   S3_ENDPOINT            the store's endpoint (OSS: https://oss-cn-lanzhou.aliyuncs.com; COS:
//                          https://cos.ap-chengdu.myqcloud.com); unset: AWS S3
//   S3_REGION              default us-east-1 (OSS: oss-cn-lanzhou; COS: ap-chengdu)
//   S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY   the credentials (unset: the SDK's default chain)
//   S3_FORCE_PATH_STYLE=1  bucket in the path (MinIO, s3rver); OSS and COS need it off
//   S3_PREFIX              a folder in the bucket for this site's files, e.g. "xiaokang/"
//   UPLOAD_DIR             the disk store's folder (default .data/uploads)
import { z } from "zod";
import { rawEnv } from "@/lib/env/env";
import type { S3Settings } from "./s3";

const schema = z.object({
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("0"),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_-]+\/)*$/, "a folder path ending with /, e.g. xiaokang/")
    .default(""),
});

export type StorageConfig = { kind: "s3"; s3: S3Settings } | { kind: "disk" };

export function storageConfig(env: Readonly<Record<string, string | undefined>> = rawEnv()): StorageConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    // Refuse to start storing somewhere unexpected: a wrong setting is an error, not the disk.
    throw new Error(`file storage settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  if (!e.S3_BUCKET) return { kind: "disk" };
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new Error("file storage settings are invalid: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither");
  }
  return {
    kind: "s3",
    s3: {
      bucket: e.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === "1",
      prefix: e.S3_PREFIX,
    },
  };
}
