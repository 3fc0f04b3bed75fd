// The request id of an API route being served (defineRoute runs the handler inside it), for the
// log lines written while it runs. Pages get theirs from the request header proxy.ts sets.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const store = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return store.run({ requestId }, fn);
}

export function routeRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
