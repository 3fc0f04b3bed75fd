// The domain's refusal type, shared by every area (the stock ledger, orders, accounts…) and
// turned into a user-facing answer by the action and route wrappers (lib/actions, lib/http).

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
