// The one wrapper of route handlers (app/api/**/route.ts), the counterpart of defineAction for
// requests that are not server actions: who is calling (anyone else gets the same 404 as a path
// that does not exist), the input checked with zod (query string, JSON body, or both), the body
// refused over its size limit before it is read (413), the scoped object loaded once, and one
// mapping of refusals to answers. Each route is registered by name, so tests/authorization.test.ts
// calls every route as every persona.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ActionError } from "@/lib/errors";
import { BodyTooLarge, readLimitedText, tooLarge } from "./body";
import { fieldErrorsOf, type ActorFor, type Allow } from "@/lib/actions/define";
import { isDatabaseUnavailable, serviceBusy } from "./outage";

/** A JSON body larger than this is refused unless a route sets its own limit. */
export const DEFAULT_BODY_LIMIT = 16 * 1024;

export interface RouteContext<A extends Allow, Scope> {
  actor: ActorFor<A>;
  scope: Scope;
  request: Request;
  params: Record<string, string | string[]>;
}

export interface RouteDefinition<Q extends z.ZodType, B extends z.ZodType, A extends Allow, Scope> {
  /** Unique, dotted: "reports.export". */
  name: string;
  allow: A;
  /** The query string, as an object of its first values. */
  query?: Q;
  /** A JSON body; read only when its length is within `maxBodyBytes`. */
  body?: B;
  maxBodyBytes?: number;
  /** Loads what the input names within the actor's scope; throws notFound() otherwise (→ 404). */
  scope?: (actor: ActorFor<A>, input: RouteInput<Q, B>, params: Record<string, string | string[]>) => Promise<Scope>;
  handle: (ctx: RouteContext<A, Scope>, input: RouteInput<Q, B>) => Promise<Response> | Response;
}

export type RouteInput<Q, B> = {
  query: Q extends z.ZodType ? z.output<Q> : undefined;
  body: B extends z.ZodType ? z.output<B> : undefined;
};

export interface RegisteredRoute {
  name: string;
  allow: Allow;
  /** Runs the route as `actor` (tests; the handler passes the session's actor). */
  runAs: (actor: Actor | null, request: Request, params?: Record<string, string | string[]>) => Promise<Response>;
}

const registry = new Map<string, RegisteredRoute>();

export function registeredRoutes(): RegisteredRoute[] {
  return [...registry.values()];
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });

/** The answer to anything out of scope: the same as a path that does not exist. */
export const notFoundResponse = () =>
  new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

function allowed(allow: Allow, actor: Actor | null): boolean {
  if (allow === "anyone") return true;
  if (!actor) return false;
  return allow === "signedIn" || allow.includes(actor.role);
}

export function defineRouteCore<Q extends z.ZodType, B extends z.ZodType, A extends Allow, Scope>(
  def: RouteDefinition<Q, B, A, Scope>,
): RegisteredRoute {
  if (registry.has(def.name)) throw new Error(`Duplicate route name: ${def.name}`);
  const runAs = async (actor: Actor | null, request: Request, params: Record<string, string | string[]> = {}): Promise<Response> => {
    if (!allowed(def.allow, actor)) return notFoundResponse();
    const input = { query: undefined, body: undefined } as Record<"query" | "body", unknown>;
    if (def.query) {
      const parsed = def.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return json(400, { ok: false, error: "invalidInput", fieldErrors: fieldErrorsOf(parsed.error) });
      input.query = parsed.data;
    }
    if (def.body) {
      let raw: unknown;
      try {
        raw = JSON.parse(await readLimitedText(request, def.maxBodyBytes ?? DEFAULT_BODY_LIMIT));
      } catch (error) {
        if (error instanceof BodyTooLarge) return tooLarge(error.limit);
        return json(400, { ok: false, error: "invalidInput" });
      }
      const parsed = def.body.safeParse(raw);
      if (!parsed.success) return json(400, { ok: false, error: "invalidInput", fieldErrors: fieldErrorsOf(parsed.error) });
      input.body = parsed.data;
    }
    const caller = actor as ActorFor<A>;
    const typed = input as RouteInput<Q, B>;
    try {
      const scope = (def.scope ? await def.scope(caller, typed, params) : undefined) as Scope;
      return await def.handle({ actor: caller, scope, request, params }, typed);
    } catch (error) {
      if (error instanceof ActionError) {
        if (error.code === "notFound") return notFoundResponse();
        return json(400, { ok: false, error: error.code, values: error.values });
      }
      if (isDatabaseUnavailable(error)) return serviceBusy();
      throw error;
    }
  };
  const entry: RegisteredRoute = { name: def.name, allow: def.allow, runAs };
  registry.set(def.name, entry);
  return entry;
}
