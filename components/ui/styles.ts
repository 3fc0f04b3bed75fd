// Class names shared by server and client components (a "use client" module's exports reach a
// server component as client references, not strings, so they live here).

/** Text inputs and selects: 16 px text on phones, so iOS does not zoom in on focus. */
export const inputClass =
  "w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-2.5 text-base text-stone-900 sm:text-sm aria-[invalid=true]:border-red-600";
