import { describe, expect, it } from "vitest";
import {
  addressKey,
  clientAddress,
  clientAddressFrom,
  installPeerHeader,
  normaliseAddress,
  parseTrustedProxies,
  PEER_HEADER,
} from "./client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ::1");

describe("client address", () => {
  it("is the socket's address when no proxy is trusted: X-Forwarded-For is ignored, so it can be neither rotated nor aimed", () => {
    expect(clientAddressFrom("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(clientAddressFrom("203.0.113.7", "198.51.100.1, 10.0.0.1", none)).toBe("203.0.113.7");
    expect(clientAddressFrom("::ffff:203.0.113.7", null, none)).toBe("203.0.113.7");
    // A client claiming to be a trusted proxy's client does not count: it is not the proxy.
    expect(clientAddressFrom("203.0.113.7", "198.51.100.1", proxies)).toBe("203.0.113.7");
  });

  it("believes X-Forwarded-For only from a trusted proxy, read from the right, skipping our own proxies", () => {
    expect(clientAddressFrom("10.1.2.3", "198.51.100.9", proxies)).toBe("198.51.100.9");
    // The client prepended a forged entry: the proxy appended the real one on the right.
    expect(clientAddressFrom("10.1.2.3", "6.6.6.6, 198.51.100.9", proxies)).toBe("198.51.100.9");
    // Two of our proxies in a row.
    expect(clientAddressFrom("127.0.0.1", "198.51.100.9, 10.9.9.9", proxies)).toBe("198.51.100.9");
    // Garbage where an address should be: stop at the proxy.
    expect(clientAddressFrom("10.1.2.3", "not-an-ip", proxies)).toBe("10.1.2.3");
    expect(clientAddressFrom("::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
    expect(clientAddressFrom("10.1.2.3", null, proxies)).toBe("10.1.2.3");
    expect(clientAddressFrom(null, "198.51.100.9", proxies)).toBe("unknown");
  });

  it("parses TRUSTED_PROXIES and refuses nonsense", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    expect(() => parseTrustedProxies("proxy.local")).toThrow();
    expect(parseTrustedProxies("fd00::/8").check("fd12::1", "ipv6")).toBe(true);
  });

  it("normalises addresses and keys IPv6 by /64", () => {
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("1.2.3.4:5678")).toBe("1.2.3.4");
    expect(normaliseAddress("nonsense")).toBe("");
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::9")).toBe(addressKey("2001:db8:1:2:aaaa::1"));
    expect(addressKey("unknown")).toBe("unknown");
  });

  it("reads the peer header only in a process that writes it on every request", async () => {
    const forged = new Headers({ [PEER_HEADER]: "198.51.100.1" });
    if (!(globalThis as Record<symbol, unknown>)[Symbol.for("xiaokang.peerHeaderInstalled")]) expect(clientAddress(forged)).toBe("unknown");
    await installPeerHeader();
    const http = await import("node:http");
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    // The client sends its own value under the header's name: it is overwritten with the socket's.
    const seen = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "198.51.100.1" } }).then((r) => r.text());
    server.close();
    expect(seen).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6" }))).toBe("127.0.0.1");
  });
});
