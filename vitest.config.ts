// Unit and integration tests: `./test --unit` (or `npm run test:unit`), which starts a fresh
// PostgreSQL and passes DATABASE_URL, HOUSEHOLD_ID_KEY and AUTH_SECRET in the environment.
// Running `npx vitest` directly works only for tests that need none of those.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `import "server-only"` throws outside React Server Components; tests import server code directly.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    setupFiles: ["tests/support/setup.ts"],
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    // Test files share one database: run them one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
