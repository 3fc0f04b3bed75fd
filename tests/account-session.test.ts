// The header's account store (components/auth/account-session.ts), which replaced next-auth's
// client SessionProvider on storefront pages: one request per page load, what it publishes, and
// the events that make it ask again. The browser's globals are stubbed; no database is used.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Listener = (event: { key?: string }) => void;

function browser() {
  const windowListeners = new Map<string, Listener[]>();
  const documentListeners = new Map<string, Listener[]>();
  const add = (map: Map<string, Listener[]>) => (type: string, fn: Listener) => map.set(type, [...(map.get(type) ?? []), fn]);
  const doc = { visibilityState: "visible", addEventListener: add(documentListeners) };
  vi.stubGlobal("window", { addEventListener: add(windowListeners) });
  vi.stubGlobal("document", doc);
  return {
    fire: (type: string, event: { key?: string } = {}) => windowListeners.get(type)?.forEach((fn) => fn(event)),
    becomeVisible: () => documentListeners.get("visibilitychange")?.forEach((fn) => fn({})),
  };
}

function answer(body: unknown, ok = true) {
  return vi.fn(async () => ({ ok, json: async () => body }));
}

async function load() {
  vi.resetModules();
  return import("@/components/auth/account-session");
}

describe("the header's account store", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("publishes the signed-in user, and asks the server once for many callers at the same time", async () => {
    browser();
    const fetch = answer({ user: { name: "王芳", email: "wf@example.cn", role: "SHOPPER" }, expires: "2099-01-01" });
    vi.stubGlobal("fetch", fetch);
    const { refreshAccount } = await load();
    const [a, b] = await Promise.all([refreshAccount(), refreshAccount()]);
    expect(a).toEqual({ status: "authenticated", user: { name: "王芳", email: "wf@example.cn", role: "SHOPPER" } });
    expect(b).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith("/api/auth/session", expect.objectContaining({ cache: "no-store" }));
  });

  it("is signed out for next-auth's empty answer, an error status and a network failure", async () => {
    browser();
    for (const fetch of [
      answer({}),
      answer(null),
      answer({ user: { name: "x" } }, false),
      vi.fn(async () => Promise.reject(new TypeError("offline"))),
    ]) {
      vi.stubGlobal("fetch", fetch);
      const { refreshAccount } = await load();
      expect(await refreshAccount()).toEqual({ status: "unauthenticated" });
    }
  });

  it("asks again when another tab signs in or out, and when the tab comes back into view", async () => {
    const page = browser();
    const fetch = answer({});
    vi.stubGlobal("fetch", fetch);
    const { refreshAccount, watchAccountChanges } = await load();
    await refreshAccount();
    expect(fetch).toHaveBeenCalledTimes(1);
    // useAccount's first subscriber starts the watchers; twice adds no second set.
    watchAccountChanges();
    watchAccountChanges();
    page.fire("storage", { key: "some.other.key" });
    expect(fetch).toHaveBeenCalledTimes(1);
    fetch.mockImplementation(async () => ({ ok: true, json: async () => ({ user: { name: "李强" } }) }));
    page.fire("storage", { key: "nextauth.message" });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => expect((await refreshAccount()).status).toBe("authenticated"));
    const before = fetch.mock.calls.length;
    page.becomeVisible();
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(before));
  });
});
