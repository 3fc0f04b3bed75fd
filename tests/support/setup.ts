// Server actions call Next's cache functions, which need a Next request; in Vitest they are
// recorded instead, so tests can also assert that a change revalidated the storefront.
import { vi } from "vitest";

export const revalidatedTags: string[] = [];

vi.mock("next/cache", () => ({
  revalidateTag: (tag: string) => void revalidatedTags.push(tag),
  updateTag: (tag: string) => void revalidatedTags.push(tag),
  revalidatePath: () => undefined,
  unstable_cache: <T extends (...args: never[]) => unknown>(fn: T) => fn,
}));

// Cookies of "the request" in tests: one jar (on globalThis, as vi.mock factories are hoisted),
// which tests may read, fill or clear through testCookies().
type Jar = Map<string, string>;
export const testCookies = (): Jar => ((globalThis as { xkTestCookies?: Jar }).xkTestCookies ??= new Map());

vi.mock("next/headers", () => {
  const jar = (): Map<string, string> => ((globalThis as { xkTestCookies?: Map<string, string> }).xkTestCookies ??= new Map());
  return {
    cookies: async () => ({
      get: (name: string) => (jar().has(name) ? { name, value: jar().get(name)! } : undefined),
      set: (name: string, value: string) => void jar().set(name, value),
      delete: (name: string) => void jar().delete(name),
    }),
    headers: async () => new Headers(),
  };
});
