// The one wrapper every server action goes through: who is calling, is the input valid, may
// this caller touch these objects. Each action is registered by name, so the authorization
// test can enumerate them all and call each as each persona.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ActionError } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T = unknown> =
  { ok: true; data: T } | { ok: false; error: string; values?: Record<string, string | number>; fieldErrors?: FieldErrors };

export type Allow = "anyone" | "signedIn" | readonly Actor["role"][];

/** The actor `run` receives: non-null unless anyone may call. */
export type ActorFor<A extends Allow> = A extends "anyone" ? Actor | null : Actor;

export interface ActionDefinition<S extends z.ZodType, T, A extends Allow = Allow, Scope = undefined> {
  /** Unique, dotted: "product.create". */
  name: string;
  input: S;
  /** Who may call at all (before the input is looked at): "anyone", "signedIn", or roles. */
  allow: A;
  /**
   * Loads the object the input names (an operator, a product, a county) within the actor's scope,
   * once, and throws notFound() when it is missing or out of scope. Its result is `scope` in run.
   */
  scope?: (actor: ActorFor<A>, input: z.output<S>) => Promise<Scope>;
  /** Does the work. Loads any further targets within the actor's scope and throws notFound() otherwise. */
  run: (ctx: { actor: ActorFor<A>; scope: Scope }, input: z.output<S>) => Promise<T>;
}

export interface RegisteredAction {
  name: string;
  allow: Allow;
  /** Runs the action as `actor` (tests; the server action passes the session's actor). */
  runAs: (actor: Actor | null, raw: unknown) => Promise<ActionResult>;
}

const registry = new Map<string, RegisteredAction>();

export function registeredActions(): RegisteredAction[] {
  return [...registry.values()];
}

/** FormData → plain object: repeated keys become arrays, files stay File, "" stays "". */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = key.endsWith("[]") || values.length > 1 ? values : values[0];
  }
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function allowed(allow: RegisteredAction["allow"], actor: Actor | null): boolean {
  if (allow === "anyone") return true;
  if (!actor) return false;
  if (allow === "signedIn") return true;
  return allow.includes(actor.role);
}

export function defineActionCore<S extends z.ZodType, T, A extends Allow, Scope>(def: ActionDefinition<S, T, A, Scope>): RegisteredAction {
  if (registry.has(def.name)) throw new Error(`Duplicate action name: ${def.name}`);
  const runAs = async (actor: Actor | null, raw: unknown): Promise<ActionResult<T>> => {
    if (!allowed(def.allow, actor)) return { ok: false, error: actor ? "notFound" : "signInRequired" };
    const input = raw instanceof FormData ? formDataToObject(raw) : raw;
    const parsed = def.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalidInput", fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      // allowed() has refused a null actor unless anyone may call, so the narrowing holds.
      const caller = actor as ActorFor<A>;
      const scope = (def.scope ? await def.scope(caller, parsed.data) : undefined) as Scope;
      return { ok: true, data: await def.run({ actor: caller, scope }, parsed.data) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, error: error.code, values: error.values };
      // A record that vanished between reading and writing (Prisma P2025) is "not found" to the user.
      if ((error as { code?: unknown } | null)?.code === "P2025") return { ok: false, error: "notFound" };
      throw error;
    }
  };
  const entry: RegisteredAction = { name: def.name, allow: def.allow, runAs: runAs as RegisteredAction["runAs"] };
  registry.set(def.name, entry);
  return entry;
}
