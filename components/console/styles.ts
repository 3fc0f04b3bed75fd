export const cardClass = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-5";
