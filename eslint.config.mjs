// The lint gate (`npm run lint`, run by `npm test` before any test): Next's rules (React, hooks,
// accessibility, TypeScript) plus the layering of docs/ARCHITECTURE.md, enforced:
//   components/ never import data modules (the database, `*.server` modules) or app/;
//   app/ reaches data only through an area's `*.server.ts` façade, never the database client;
//   lib/ never imports app/ or components/;
//   only lib/env/ reads process.env (plus Next's own entry files, scripts and tests).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DB_CLIENT = ["@/lib/db/db.server", "@/lib/db/client", "@/lib/generated/prisma/client"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "node_modules/**",
      "public/**",
      "next-env.d.ts",
      "playwright-report/**",
      "test-results/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through env() of lib/env/env.ts (the one checked reader)." },
      ],
    },
  },
  {
    files: [
      "lib/env/**",
      "instrumentation.ts",
      "next.config.ts",
      "prisma.config.ts",
      "scripts/**",
      "tests/**",
      "e2e/**",
      "prisma/**",
      "*.config.*",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Server components render once per request: the request's time is one of their inputs.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ is the domain: it never imports UI (app/ or components/)." }] },
      ],
    },
  },
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: DB_CLIENT.map((name) => ({
            name,
            message:
              "Pages and routes read and write through their area's *.server.ts functions (docs/ARCHITECTURE.md), not the database client.",
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: DB_CLIENT.map((name) => ({ name, message: "Components never touch the database.", allowTypeImports: true })),
          patterns: [
            {
              group: ["@/lib/**/*.server", "@/lib/**/*.server.ts"],
              message: "Components get data as props from pages; they never import *.server modules (their types are fine).",
              allowTypeImports: true,
            },
            { group: ["@/app/*"], message: "components/ is shared UI; it does not import from app/." },
          ],
        },
      ],
    },
  },
];

export default config;
