import "server-only";
import type { z } from "zod";
import type { Allow } from "@/lib/actions/define";
import { getActor } from "@/lib/auth/session.server";
import { runWithRequestId } from "@/lib/ops/request-context.server";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/ops/request-id";
import { isDatabaseUnavailable, serviceBusy } from "./outage";
import { defineRouteCore, type RegisteredRoute, type RouteDefinition } from "./route";

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const routeOf = new WeakMap<object, RegisteredRoute>();

/** The registered route behind an exported handler, if it went through defineRoute. */
export function registeredRouteOf(fn: unknown): RegisteredRoute | undefined {
  return typeof fn === "function" ? routeOf.get(fn) : undefined;
}

/** Defines a route handler: `export const GET = defineRoute({ ... })` in app/api/**\/route.ts. */
export function defineRoute<Q extends z.ZodType, B extends z.ZodType, const A extends Allow, Scope>(
  def: RouteDefinition<Q, B, A, Scope>,
): Handler {
  const registered = defineRouteCore(def);
  const handler: Handler = async (request, context) => {
    // The request id (the reverse proxy's, or a new one) goes on the route's log lines and back to
    // the caller, as proxy.ts does for pages.
    const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
    const response = await runWithRequestId(requestId, async () => {
      let actor;
      try {
        actor = await getActor();
      } catch (error) {
        // The database is unreachable: "service busy, try again shortly" (503), never the error itself.
        if (isDatabaseUnavailable(error)) return serviceBusy();
        throw error;
      }
      return registered.runAs(actor, request, (await context?.params) ?? {});
    });
    return withRequestId(response, requestId);
  };
  routeOf.set(handler, registered);
  return handler;
}

/** The response with the request id header; a response with immutable headers (a redirect) is copied. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
