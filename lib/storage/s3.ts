// An S3-compatible FileStore: Aliyun OSS, Tencent COS, Huawei OBS, MinIO, Cloudflare R2 and AWS S3
// all speak this protocol. Chosen by getFileStore() when S3_BUCKET is set (./config.ts lists the
// settings); otherwise files stay on the local disk (LocalDiskStore). Keys are checked exactly as
// the disk store checks them; the content type is kept as the object's Content-Type.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { FileStore, StoredFile } from "./index";
import { CONTENT_TYPE, InvalidKeyError, isValidKey } from "./keys";

export interface S3Settings {
  bucket: string;
  /** Another endpoint than AWS's: https://oss-cn-lanzhou.aliyuncs.com, https://cos.ap-chengdu.myqcloud.com … */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket in the path (MinIO, s3rver) instead of the host name (OSS and COS want the host name). */
  forcePathStyle: boolean;
  /** Put every key under this folder of the bucket ("xiaokang/"). */
  prefix: string;
}

export class S3Store implements FileStore {
  readonly client: S3Client;

  constructor(readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // OSS, COS and other S3-compatible stores refuse the SDK's default CRC32 checksums
      // (aws/aws-sdk-js-v3#6810): send and check them only where the API requires them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
    });
  }

  private objectKey(key: string): string {
    if (!isValidKey(key)) throw new InvalidKeyError(key);
    return this.settings.prefix + key;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (!CONTENT_TYPE.test(contentType)) throw new Error(`invalid content type: ${contentType}`);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isValidKey(key)) return null;
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      if (!answer.Body) return null;
      const bytes = Buffer.from(await answer.Body.transformToByteArray());
      const contentType = answer.ContentType && CONTENT_TYPE.test(answer.ContentType) ? answer.ContentType : "application/octet-stream";
      return { bytes, contentType };
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      if (error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.$metadata?.httpStatusCode === 404)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // Deleting a missing object succeeds on S3, as on the disk store.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }
}
