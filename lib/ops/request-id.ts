// Request ids: the reverse proxy's X-Request-Id when it sends a well-formed one (nginx:
// proxy_set_header X-Request-Id $request_id), otherwise one made here. proxy.ts puts it on the
// request (for the logs of pages and actions) and on the response (for a person reporting a problem).
export const REQUEST_ID_HEADER = "x-request-id";
const VALID = /^[A-Za-z0-9._-]{8,64}$/;

export function validRequestId(id: string | null | undefined): boolean {
  return typeof id === "string" && VALID.test(id);
}

/** The incoming id when well-formed, else a new random one. */
export function requestIdFor(incoming: string | null | undefined): string {
  return validRequestId(incoming) ? incoming! : crypto.randomUUID();
}
