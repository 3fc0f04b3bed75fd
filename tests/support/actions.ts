// Calling registered server actions by name as a given actor, the way the authorization layer does.
import { registeredActions, type ActionResult } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";

export function action(name: string) {
  const found = registeredActions().find((a) => a.name === name);
  if (!found) throw new Error(`no action ${name}`);
  return found;
}

export const run = (name: string, who: Actor | null, input: unknown): Promise<ActionResult> => action(name).runAs(who, input);

/** The data of a successful result; fails the test with the refusal otherwise. */
export function data<T>(r: ActionResult): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.data as T;
}
