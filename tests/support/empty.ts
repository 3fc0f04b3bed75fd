// Stands in for the `server-only` package in vitest (see vitest.config.ts).
export {};
