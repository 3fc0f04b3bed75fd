// Node's raw header arrays ([name, value, name, value, …], as `IncomingMessage.rawHeaders` gives them
// and `writeHead` takes them), rewritten by the production server (scripts/serve.mjs) when it passes
// Next's answers on. Names are compared without case.

/** A copy with the values of the named headers (lower-case names) replaced; other headers as they were. */
export function replacedHeaders(raw: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const out = raw.slice();
  for (let i = 0; i < out.length; i += 2) {
    const lower = out[i]!.toLowerCase();
    if (Object.hasOwn(values, lower)) out[i + 1] = values[lower]!;
  }
  return out;
}

/** A copy without the named headers (lower-case names). */
export function withoutHeaders(raw: readonly string[], names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!names.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}
