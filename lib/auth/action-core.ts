// The one wrapper every server action goes through: who is calling, is the input valid, may
// this caller touch these objects. Each action is registered by name, so the authorization
// test can enumerate them all and call each as each persona.
import { z } from "zod";
import type { Actor } from "./actor";

/** A refusal the user can act on. `code` is a translation key under `errors.` in messages/. */
export class ActionError extends Error {
  constructor(
    public code: string,
    public values: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Objects of another scope are "not found", never "forbidden", so ids are not confirmed. */
export const notFound = () => new ActionError("notFound");
export const signInRequired = () => new ActionError("signInRequired");

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: string; values?: Record<string, string | number>; fieldErrors?: FieldErrors };

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Unique, dotted: "product.create". */
  name: string;
  input: S;
  /** Who may call at all (before the input is looked at): "anyone", "signedIn", or roles. */
  allow: "anyone" | "signedIn" | readonly Actor["role"][];
  /** Does the work. Loads targets within the actor's scope and throws notFound() otherwise. */
  run: (ctx: { actor: Actor | null }, input: z.output<S>) => Promise<T>;
}

export interface RegisteredAction {
  name: string;
  allow: ActionDefinition<z.ZodType, unknown>["allow"];
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

function fieldErrorsOf(error: z.ZodError): FieldErrors {
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

export function defineActionCore<S extends z.ZodType, T>(def: ActionDefinition<S, T>): RegisteredAction {
  if (registry.has(def.name)) throw new Error(`Duplicate action name: ${def.name}`);
  const runAs = async (actor: Actor | null, raw: unknown): Promise<ActionResult<T>> => {
    if (!allowed(def.allow, actor)) return { ok: false, error: actor ? "notFound" : "signInRequired" };
    const input = raw instanceof FormData ? formDataToObject(raw) : raw;
    const parsed = def.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalidInput", fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      return { ok: true, data: await def.run({ actor }, parsed.data) };
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
