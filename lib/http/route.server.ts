import "server-only";
import type { z } from "zod";
import type { Allow } from "@/lib/actions/define";
import { getActor } from "@/lib/auth/session.server";
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
  const handler: Handler = async (request, context) => registered.runAs(await getActor(), request, (await context?.params) ?? {});
  routeOf.set(handler, registered);
  return handler;
}
