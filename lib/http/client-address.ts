// Who is on the other end of a request, for rate limits: the TCP peer's address, or, only when
// that peer is one of our own proxies (TRUSTED_PROXIES), the address that proxy says it received
// the request from (X-Forwarded-For, read from the right, skipping our proxies). A client's own
// X-Forwarded-For is never believed, so rotating it walks around nothing, and claiming someone
// else's address aims nothing at them.
//
// Next does not hand the socket's address to route handlers or server actions, and it keeps a
// client's X-Forwarded-For as it came. So the server process copies the socket address into the
// PEER_HEADER of every request before Next sees it (installPeerHeader, from instrumentation.ts),
// overwriting whatever the client sent under that name.
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env/env";

export const PEER_HEADER = "x-xiaokang-peer";
const INSTALLED = Symbol.for("xiaokang.peerHeaderInstalled");

interface HeaderSource {
  get(name: string): string | null;
}

/** Whether this process writes PEER_HEADER on every request (else the header is not believed). */
export function peerHeaderInstalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[INSTALLED] === true;
}

/** Called once per server process: every incoming request gets its socket address in PEER_HEADER. */
export async function installPeerHeader(): Promise<void> {
  const g = globalThis as Record<symbol, unknown>;
  if (g[INSTALLED]) return;
  const http = await import("node:http");
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as { headers: Record<string, unknown>; socket?: { remoteAddress?: string } };
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return (original as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof original;
  g[INSTALLED] = true;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an IP address → "". */
export function normaliseAddress(raw: string | null | undefined): string {
  let a = (raw ?? "").trim();
  if (a.startsWith("[") && a.includes("]"))
    a = a.slice(1, a.indexOf("]")); // "[::1]:443"
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // "1.2.3.4:5678"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : "";
}

/** TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces ("10.0.0.0/8, ::1"). */
export function parseTrustedProxies(setting: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (setting ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const ip = normaliseAddress(address);
    const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (!ip) throw new Error(`TRUSTED_PROXIES: not an address or range: ${entry}`);
    if (bits === undefined) list.addAddress(ip, family);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === "ipv6" ? 128 : 32))
        throw new Error(`TRUSTED_PROXIES: bad prefix length: ${entry}`);
      list.addSubnet(ip, prefix, family);
    }
  }
  return list;
}

const isTrusted = (list: BlockList, ip: string) => list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address. `peer` is the socket's address; X-Forwarded-For counts only when the peer
 * is a trusted proxy, and then its rightmost entry that is not itself a trusted proxy is the client.
 * "unknown" when the server did not record the peer (no request, or a process without the hook).
 */
export function clientAddressFrom(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: BlockList): string {
  const socket = normaliseAddress(peer);
  if (!socket) return "unknown";
  if (!isTrusted(trusted, socket)) return socket;
  const hops = (forwardedFor ?? "").split(",").map(normaliseAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!hop) return socket; // a hop our proxy wrote that is not an address: stop believing the chain
    if (!isTrusted(trusted, hop)) return hop;
  }
  return hops[0] || socket;
}

let trustedCache: { setting: string | undefined; list: BlockList } | undefined;
function trustedProxies(): BlockList {
  const setting = env().TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.setting !== setting) trustedCache = { setting, list: parseTrustedProxies(setting) };
  return trustedCache.list;
}

/** The client address of a request's headers (Request.headers, next/headers, or next-auth's plain object). */
export function clientAddress(headers: HeaderSource | Record<string, unknown> | undefined | null): string {
  if (!headers || !peerHeaderInstalled()) return "unknown";
  const get = (name: string): string | null => {
    if (typeof (headers as HeaderSource).get === "function") return (headers as HeaderSource).get(name);
    const value = (headers as Record<string, unknown>)[name];
    return Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : null;
  };
  return clientAddressFrom(get(PEER_HEADER), get("x-forwarded-for"), trustedProxies());
}

/** The key a per-address limit counts under: an IPv4 address, or an IPv6 address's /64 (one subscriber's network). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail] = address.split("::");
  const a = head ? head.split(":") : [];
  const b = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  if (address.includes("::")) {
    const fill = 8 - a.length - b.length;
    if (fill < 0) return null;
    return [...a, ...Array(fill).fill("0"), ...b].map((g) => (parseInt(g, 16) || 0).toString(16));
  }
  return a.length === 8 ? a.map((g) => (parseInt(g, 16) || 0).toString(16)) : null;
}
