// The process's logger, and the request id of the request being served (set by proxy.ts on
// pages and by defineRoute on API routes, or taken from the reverse proxy's X-Request-Id; see
// lib/ops/request-id.ts).
import "server-only";
import { headers } from "next/headers";
import type { Logger } from "pino";
import { appLog } from "./log";
import { REQUEST_ID_HEADER, validRequestId } from "./request-id";
import { routeRequestId } from "./request-context.server";

export const log: Logger = appLog();

/** The current request's id, or undefined outside a request (jobs) or when it has none. */
export async function currentRequestId(): Promise<string | undefined> {
  const routeId = routeRequestId();
  if (routeId) return routeId;
  try {
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return validRequestId(id) ? id! : undefined;
  } catch {
    return undefined;
  }
}

/** A child logger carrying the current request's id. */
export async function requestLog(): Promise<Logger> {
  const requestId = await currentRequestId();
  return requestId ? log.child({ requestId }) : log;
}

/** instrumentation.ts onRequestError: one line per error thrown by a page, action or route. */
export function logRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routerKind: string; routePath: string; routeType: string },
): void {
  const raw = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof raw === "string" && validRequestId(raw) ? raw : undefined;
  // The path only (no query: order links carry tokens), with the route it matched.
  const path = request.path.split("?")[0];
  log.error(
    { requestId, method: request.method, path, route: context.routePath, routeType: context.routeType, err: error },
    "request failed",
  );
}
