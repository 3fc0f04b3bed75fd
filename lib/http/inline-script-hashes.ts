// A strict script policy for cached pages (docs/adr/0013-csp-hashes-for-cached-pages.md).
//
// A cached page (ISR or static: home, catalogue, product, seller, county, campaign, about, sign-in)
// is one HTML for everyone, so it cannot carry a per-request nonce, and Next's App Router writes
// the page's data into it as inline scripts (`self.__next_f.push([1,"…"])`), which Next's own
// experimental SRI does not cover (vercel/next.js#95354). So the production server
// (scripts/serve.mjs) reads each cached page's HTML once, lists the SHA-256 of every inline script
// in it, and sends `script-src 'self' 'sha256-…' …` instead of `'unsafe-inline'`.
//
// Hashing whatever is in the HTML would bless an injected script too (a stored XSS would be in the
// cached HTML as well). So only scripts of the exact shapes Next writes are hashed: the flight
// bootstrap `(self.__next_f=self.__next_f||[]).push([0])`, `self.__next_f.push(<a JSON array of
// numbers, strings and nulls>)`, and Turbopack's chunk list `(globalThis["TURBOPACK"] || …).push(
// {"otherChunks":["static/chunks/….js"],"runtimeModuleIds":[…]})`. Such a script can do nothing but
// append data to Next's arrays (the chunk list names only files of this build); any other inline script (an injected one, or a new kind a future Next writes) is left out, so the
// browser refuses to run it and reports a violation (the e2e CSP check fails on it).
import { createHash } from "node:crypto";
import { BoundedMap } from "@/lib/cache/bounded-map";
import { CACHED_PAGE_SCRIPT_SRC } from "./security-headers";

const FLIGHT_BOOTSTRAP = "(self.__next_f=self.__next_f||[]).push([0])";
const FLIGHT_PUSH = "self.__next_f.push(";
const CHUNK_LIST_PUSH = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';
const CHUNK_PATH = /^static\/chunks\/[A-Za-z0-9_.~-]+\.(?:js|css)$/;

/** The argument of `prefix(<JSON>)` (a closing `;` allowed), parsed; undefined when the script is anything else. */
function literalArgument(body: string, prefix: string): unknown {
  const end = body.endsWith(");") ? -2 : body.endsWith(")") ? -1 : 0;
  if (!body.startsWith(prefix) || end === 0) return undefined;
  try {
    return JSON.parse(body.slice(prefix.length, end));
  } catch {
    return undefined;
  }
}

/** Turbopack's list of the page's chunks: { otherChunks: ["static/chunks/…js"], runtimeModuleIds: [n] }. */
function isChunkList(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([key, list]) =>
      key === "otherChunks"
        ? Array.isArray(list) && list.every((c) => typeof c === "string" && CHUNK_PATH.test(c))
        : key === "runtimeModuleIds"
          ? Array.isArray(list) && list.every((n) => typeof n === "number")
          : false,
    )
  );
}
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JS_TYPES = new Set(["", "text/javascript", "application/javascript", "module"]);

/** Whether an inline script only hands data to Next (and so may run). */
export function isNextDataScript(body: string): boolean {
  if (body === FLIGHT_BOOTSTRAP) return true;
  if (body.startsWith(CHUNK_LIST_PUSH)) return isChunkList(literalArgument(body, CHUNK_LIST_PUSH));
  const value = literalArgument(body, FLIGHT_PUSH);
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 3 &&
    value.every((v) => v === null || typeof v === "number" || typeof v === "string")
  );
}

export interface InlineScripts {
  /** 'sha256-…' sources of the scripts that may run, each once, in page order. */
  hashes: string[];
  /** Inline scripts left out (not of Next's shapes): they will not run. */
  refused: number;
}

/** The executable inline scripts of an HTML page, split into those Next wrote (hashed) and the rest. */
export function inlineScriptHashes(html: string): InlineScripts {
  const hashes = new Set<string>();
  let refused = 0;
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1]!;
    if (/\ssrc\s*=/i.test(attributes)) continue; // external: 'self' decides
    const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1]?.toLowerCase() ?? "";
    if (!JS_TYPES.has(type)) continue; // data (JSON-LD and the like): never executed, no policy applies
    const body = match[2]!;
    if (isNextDataScript(body)) hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    else refused++;
  }
  return { hashes: [...hashes], refused };
}

/**
 * The page's CSP with its script-src replaced by 'self' and the given hashes (no 'unsafe-inline').
 * With no hash at all the page may still run its own files, nothing inline.
 */
export function withScriptHashes(csp: string, hashes: string[]): string {
  const script = ["script-src 'self'", ...hashes].join(" ");
  const directives = csp.split(/\s*;\s*/).filter(Boolean);
  const at = directives.findIndex((d) => d === "script-src" || d.startsWith("script-src "));
  if (at === -1) return [...directives, script].join("; ");
  // Keep 'unsafe-eval' only if the policy had it (next dev); never 'unsafe-inline'.
  const eval_ = directives[at]!.includes("'unsafe-eval'") ? " 'unsafe-eval'" : "";
  directives[at] = script + eval_;
  return directives.join("; ");
}

/**
 * Whether a request path may be a page (what proxy.ts's matcher sends through it): not an API
 * route, not Next's files, images or uploads, nothing with a file extension. Its query is ignored.
 */
export function mayBePage(url: string): boolean {
  const pathname = url.split("?")[0]!;
  return !/^\/(?:api|_next|images|uploads)\//.test(pathname) && !/\.[A-Za-z0-9]+$/.test(pathname);
}

/** Whether a response's CSP is the cached-page policy serve.mjs must replace. */
export function needsScriptHashes(csp: string | undefined): boolean {
  return !!csp && csp.includes(CACHED_PAGE_SCRIPT_SRC) && !csp.includes("'nonce-");
}

/**
 * The hashes of the pages served lately, by ETag: a cached page's HTML is read once, later answers
 * (and 304s) reuse its hashes without reading the body. Bounded; the oldest entry goes first.
 */
export class ScriptHashCache extends BoundedMap<string, string[]> {
  constructor(max = 2000) {
    super(max);
  }

  override get(etag: string | undefined): string[] | undefined {
    return etag ? super.get(etag) : undefined;
  }
}
