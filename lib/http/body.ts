// Reading a request body with a limit, before anything is parsed: a declared Content-Length over
// the limit is refused without reading a byte, and a body that turns out longer (chunked, or a
// lying Content-Length) is refused as soon as it passes the limit, so at most `limit` bytes
// are ever held. Route handlers answer 413 (tooLarge()). Routes declared with defineRoute
// (lib/http/route.ts) get the same from its maxBodyBytes; this reader serves the two routes whose
// bodies are not JSON for defineRoute: next-auth's form posts and Stripe's signed raw body.

export class BodyTooLarge extends Error {
  constructor(public limit: number) {
    super(`Request body over ${limit} bytes`);
  }
}

/** Limits of the route handlers that take a body. */
export const BODY_LIMITS = {
  /** next-auth's endpoints: an email, a password, a CSRF token, a callback URL, a challenge answer. */
  auth: 8 * 1024,
  /** Stripe's webhook events (Stripe's own are a few KB; its documented ceiling is far below this). */
  stripeWebhook: 256 * 1024,
} as const;

/**
 * Server actions: Next reads their bodies itself (up to next.config's serverActions.bodySizeLimit,
 * 12 MB, for photo and proof uploads). proxy.ts refuses, from the declared length, anything over
 * these limits before Next reads a byte: an action called with plain arguments (text) is small; a
 * form (multipart) may carry files.
 */
export const ACTION_LIMITS = { text: 64 * 1024, multipart: 12 * 1024 * 1024 } as const;

/** 413 if a server action's declared body is over its limit, else null (pure). */
export function actionBodyRefusal(contentType: string | null, contentLength: string | null): number | null {
  if (contentLength === null) return null; // chunked: Next's own limit stops it while reading
  const limit = (contentType ?? "").toLowerCase().startsWith("multipart/form-data") ? ACTION_LIMITS.multipart : ACTION_LIMITS.text;
  return !/^\d+$/.test(contentLength) || Number(contentLength) > limit ? limit : null;
}

export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) throw new BodyTooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export async function readLimitedText(request: Request, limit: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readLimitedBody(request, limit));
}

/** The 413 answer (JSON, like the other API answers). */
export function tooLarge(limit: number): Response {
  return Response.json({ ok: false, error: "tooLarge", values: { limit } }, { status: 413, headers: { connection: "close" } });
}

/** The body as text, or null when it is over the limit (for handlers that answer 413 themselves). */
export async function readTextOrNull(request: Request, limit: number): Promise<string | null> {
  try {
    return await readLimitedText(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) return null;
    throw error;
  }
}
