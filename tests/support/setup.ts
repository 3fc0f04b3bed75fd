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
