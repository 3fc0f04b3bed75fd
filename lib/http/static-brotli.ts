// Brotli for the build's scripts and stylesheets (/_next/static/…), in the production server
// (scripts/serve.mjs).
//
// `next start` compresses with gzip only. Every storefront page makes a first-time visitor download
// about 160 KB of gzipped JavaScript and CSS (React DOM, Next's router, the page's islands, the
// stylesheet); Brotli at its highest quality makes the same files 14% smaller (React DOM 73.4 →
// 62.7 KB), and every browser asks for it (Chrome also over plain http://localhost). Highest quality
// is slow (about 0.35 s of CPU for React DOM), so it is never done on a request's path: the first
// request of an asset is passed to Next as before (gzip), and the server then asks Next for the plain
// file once, compresses it off the event loop and keeps it; later requests get the Brotli body with
// the headers Next gave the file (its security headers, caching, ETag).
//
// Only answers Next marked immutable are kept: their names carry their content's hash, so a kept body
// can never be out of date. Bounded in bytes (a build's whole static folder is about 2 MB).
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";
import { withoutHeaders } from "./raw-headers";

const compress = promisify(brotliCompress);

export interface BrotliAsset {
  body: Buffer;
  /** Next's headers of the plain answer, without those describing its body or the date. */
  headers: string[];
  etag: string | undefined;
}

/** Headers that describe a body (replaced by the Brotli body's) or the moment of an answer. */
const DROPPED = new Set(["content-length", "content-encoding", "transfer-encoding", "vary", "date", "connection", "keep-alive"]);

/** Scripts and stylesheets of the build: Next's hashed names under /_next/static/, no query. */
export function isBuildAsset(url: string): boolean {
  return /^\/_next\/static\/[\w\-./~]+\.(?:js|css)$/.test(url) && !url.includes("..");
}

/** Whether an Accept-Encoding header allows br (and does not refuse it with q=0). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  for (const part of value.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "br") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Whether Next's answer is one a kept copy may stand for: a 200 that may be cached for good. */
export function isImmutableAnswer(status: number | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  const cacheControl = String(headers["cache-control"] ?? "");
  return status === 200 && /\bimmutable\b/.test(cacheControl) && !headers["content-encoding"] && !headers["set-cookie"];
}

export interface PlainAnswer {
  status: number | undefined;
  rawHeaders: string[];
  body: Buffer;
}

/**
 * The kept Brotli bodies, by key: the asset's URL and what else Next's headers depend on (the scheme
 * the client used: Next adds HSTS to answers of requests that came over HTTPS).
 */
export class BrotliAssets {
  private readonly entries = new Map<string, BrotliAsset>();
  private readonly pending = new Set<string>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 32 * 1024 * 1024,
    private readonly quality = constants.BROTLI_MAX_QUALITY,
  ) {}

  get(key: string): BrotliAsset | undefined {
    return this.entries.get(key);
  }

  /**
   * Unless key is kept, being compressed, or the store is full: asks Next for the plain answer (fetchPlain),
   * compresses it off the event loop and keeps it if Next marked it immutable. Never rejects.
   */
  async fill(key: string, fetchPlain: () => Promise<PlainAnswer>): Promise<void> {
    if (this.entries.has(key) || this.pending.has(key) || this.bytes >= this.maxBytes) return;
    this.pending.add(key);
    try {
      const { status, rawHeaders, body: plain } = await fetchPlain();
      const headers: Record<string, string> = {};
      for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
      if (!isImmutableAnswer(status, headers)) return;
      const body = await compress(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: this.quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
      if (this.bytes + body.length > this.maxBytes) return;
      this.entries.set(key, { body, headers: withoutHeaders(rawHeaders, DROPPED), etag: headers.etag });
      this.bytes += body.length;
    } catch {
      // Next did not answer, or the body could not be read: the asset stays with Next's gzip.
    } finally {
      this.pending.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }
}

/** The answer to a request for a kept asset: 304 when the client holds this ETag, else the Brotli body. */
export function brotliAnswer(asset: BrotliAsset, ifNoneMatch: string | undefined): { status: number; headers: string[]; body?: Buffer } {
  const headers = [...asset.headers, "Vary", "Accept-Encoding"];
  const tags = (ifNoneMatch ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (asset.etag && tags.includes(asset.etag.replace(/^W\//, ""))) return { status: 304, headers };
  return { status: 200, headers: [...headers, "Content-Encoding", "br", "Content-Length", String(asset.body.length)], body: asset.body };
}
