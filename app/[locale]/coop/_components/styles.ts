// The console's text inputs and selects: the look of components/ui/form.tsx `inputClass`, taller
// and with 16 px text on phones (so iOS does not zoom in). Also usable from server components:
// form.tsx is a client module, so its `inputClass` reaches a server component as a client
// reference, not as a string. Keep the two in step.
export const consoleInputClass =
  "w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-2.5 text-base text-stone-900 sm:text-sm aria-[invalid=true]:border-red-600";
