"use client";
// False on the server and while the page hydrates, true once React runs in the browser: a button
// whose work is a click handler can stay disabled until a click would do something (a tap before
// hydration on a slow phone is otherwise silently lost).
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
