import { describe, expect, it } from "vitest";
import { ACTION_LIMITS, actionBodyRefusal, BodyTooLarge, readLimitedBody, readLimitedText } from "./body";

function streamed(chunks: number, size: number, onPull?: () => void) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(65));
    },
  });
}

const post = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("limited body reader", () => {
  it("reads a body within the limit", async () => {
    expect(await readLimitedText(post('{"a":1}'), 100)).toBe('{"a":1}');
    expect((await readLimitedBody(post(streamed(4, 10)), 40)).byteLength).toBe(40);
  });

  it("refuses a declared length over the limit without reading a byte", async () => {
    let pulls = 0;
    const request = post(
      streamed(1000, 1024, () => pulls++),
      { "content-length": String(1024 * 1000) },
    );
    await expect(readLimitedBody(request, 16 * 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("stops a chunked body as soon as it passes the limit", async () => {
    let pulls = 0;
    await expect(readLimitedBody(post(streamed(100_000, 1024, () => pulls++)), 16 * 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulls).toBeLessThan(40); // not 100,000 chunks (100 MB)
  });

  it("refuses server actions over their limit from the declared length", () => {
    expect(actionBodyRefusal("text/plain;charset=UTF-8", String(ACTION_LIMITS.text + 1))).toBe(ACTION_LIMITS.text);
    expect(actionBodyRefusal("text/plain;charset=UTF-8", "100")).toBeNull();
    expect(actionBodyRefusal("multipart/form-data; boundary=x", String(5 * 1024 * 1024))).toBeNull();
    expect(actionBodyRefusal("multipart/form-data; boundary=x", String(128 * 1024 * 1024))).toBe(ACTION_LIMITS.multipart);
    expect(actionBodyRefusal("text/plain", "-1")).toBe(ACTION_LIMITS.text);
    expect(actionBodyRefusal("text/plain", null)).toBeNull();
  });
});
