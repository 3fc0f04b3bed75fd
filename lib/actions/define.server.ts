import "server-only";
import type { z } from "zod";
import { defineActionCore, type ActionDefinition, type ActionResult, type Allow, type RegisteredAction } from "./define";
import { getActor } from "@/lib/auth/session.server";
import { noteOfficeWrite } from "@/lib/db/replica.server";

export type ServerAction<T> = (stateOrInput?: unknown, formData?: FormData) => Promise<ActionResult<T>>;

const actionOf = new WeakMap<object, RegisteredAction>();

/** The registered action behind an exported server action, if it went through defineAction. */
export function registeredActionOf(fn: unknown): RegisteredAction | undefined {
  return typeof fn === "function" ? actionOf.get(fn) : undefined;
}

/**
 * Defines a server action: export it from a "use server" file. Callable as
 * `action(input)` or as a form action with useActionState: `action(previousState, formData)`.
 */
export function defineAction<S extends z.ZodType, T, const A extends Allow, Scope>(def: ActionDefinition<S, T, A, Scope>): ServerAction<T> {
  const registered = defineActionCore(def);
  const serverAction = async (stateOrInput?: unknown, formData?: FormData): Promise<ActionResult<T>> => {
    const input = formData instanceof FormData ? formData : stateOrInput;
    const actor = await getActor();
    const result = (await registered.runAs(actor, input)) as ActionResult<T>;
    // With a reporting replica: the office's reports read their own writes (lib/db/replica.ts).
    if (result.ok && (actor?.role === "OFFICER" || actor?.role === "ADMIN")) await noteOfficeWrite();
    return result;
  };
  actionOf.set(serverAction, registered);
  return serverAction;
}
