// The one reader of process.env: every setting the app uses, checked with zod. The server checks
// it at start (instrumentation.ts → assertServerEnv), so `next start` run directly, as a container
// would, refuses to start with a missing or malformed setting and says which and why. Modules read
// settings through env(); the meaning of each is in .env.example.
import { z } from "zod";
import { SECRET_RULES } from "./secret-rules.mjs";

const blank = (v: unknown) => (v === "" ? undefined : v);
const optionalText = z.preprocess(blank, z.string().optional());
const secret = (name: keyof typeof SECRET_RULES) =>
  z.preprocess(
    blank,
    z
      .string({ error: `is not set (${SECRET_RULES[name].describe}; ./start and ./test generate one)` })
      .refine((v) => SECRET_RULES[name].valid(v), `must be ${SECRET_RULES[name].describe}`),
  );

const schema = z.object({
  NODE_ENV: z.preprocess(blank, z.enum(["development", "production", "test"]).default("development")),
  DATABASE_URL: z.preprocess(blank, z.url({ error: "must be a postgresql:// URL" }).optional()),
  AUTH_SECRET: z.preprocess(blank, z.string().optional()),
  HOUSEHOLD_ID_KEY: z.preprocess(blank, z.string().optional()),
  NEXTAUTH_URL: z.preprocess(blank, z.url({ error: "must be the site's public URL, e.g. https://example.com" }).optional()),
  UPLOAD_DIR: optionalText,
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_URL: optionalText,
  STRIPE_PAYMENT_METHODS: optionalText,
  DEMO_PAYMENTS: optionalText,
  // 对公转账 (lib/payments/transfer.ts): the platform's receiving account shown to buyers paying by
  // bank transfer. Unset: a demo account, marked as such on the page (and off in production unless
  // DEMO_PAYMENTS=1).
  TRANSFER_ACCOUNT_NAME: z.preprocess(blank, z.string().trim().min(2).max(100).optional()),
  TRANSFER_BANK: z.preprocess(blank, z.string().trim().min(2).max(100).optional()),
  TRANSFER_ACCOUNT_NO: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[\d ]{8,40}$/u, "must be the account number: digits (spaces allowed)")
      .optional(),
  ),
  // Settlement payouts: the platform fee in basis points of the net owed (0–3000, default 0).
  PLATFORM_FEE_BPS: z.preprocess(blank, z.coerce.number().int().min(0).max(3000).default(0)),
  // Several processes (docs/deploy.md): one key for server actions, the standby for reports,
  // the scheduled jobs, the log.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.preprocess(
    blank,
    z
      .string()
      .refine(
        (v) => SECRET_RULES.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY.valid(v),
        `must be ${SECRET_RULES.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY.describe}`,
      )
      .optional(),
  ),
  DATABASE_REPLICA_URL: z.preprocess(blank, z.url({ error: "must be a postgresql:// URL of a standby" }).optional()),
  CACHE_SYNC: z.preprocess(blank, z.enum(["off", "postgres"]).optional()),
  CACHE_SYNC_URL: z.preprocess(blank, z.url({ error: "must be a postgresql:// URL (a direct or session-mode connection)" }).optional()),
  JOBS: z.preprocess(blank, z.enum(["on", "off"]).optional()),
  JOBS_EVERY_MS: z.preprocess(blank, z.coerce.number().int().min(100).optional()),
  LOG_LEVEL: z.preprocess(blank, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges): lib/http/client-address.ts. */
  TRUSTED_PROXIES: optionalText,
  SMTP_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: optionalText,
  APP_URL: z.preprocess(blank, z.url({ error: "must be the site's public URL, e.g. https://example.com" }).optional()),
  SMS_PROVIDER: z.preprocess(blank, z.enum(["fake"]).optional()),
  OUTBOX_POLL_MS: z.preprocess(blank, z.coerce.number().int().min(100).optional()),
  // After-sales (lib/after-sales): hours a seller has to answer a request before it goes to the platform by itself.
  // Low stock (lib/notifications/events.ts notifyLowStock): a sale taking a product below this many units mails its managers.
  LOW_STOCK_THRESHOLD: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(5)),
  AFTER_SALE_ANSWER_HOURS: z.preprocess(
    blank,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(48),
  ),
  // Livestream (lib/campaigns, lib/payments/session-queue.ts)
  PAYMENT_SESSIONS_PER_SECOND: z.preprocess(blank, z.coerce.number().int().min(1).max(1000).default(20)),
  LIVE_POOL_SIZE: z.preprocess(blank, z.coerce.number().int().min(1).max(64).default(8)),
  // Rows a started campaign allotment is split over, so batches of one hot product commit in parallel.
  LIVE_ALLOTMENT_SHARDS: z.preprocess(blank, z.coerce.number().int().min(1).max(16).default(4)),
  // Who must show an admission permit to reserve in a livestream: guests (default), all, or off.
  LIVE_PERMITS: z.preprocess(blank, z.enum(["guests", "all", "off"]).default("guests")),
  // Rule 8: unpaid orders one buyer may have at once (lib/orders/limits.ts)
  MAX_UNPAID_ORDERS: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000_000).default(5)),
});

/** What a running server must have: a database and both secrets, well-formed. */
const serverSchema = schema.extend({
  DATABASE_URL: z.preprocess(blank, z.url({ error: "is not set or not a URL (postgresql://user:password@host:5432/db)" })),
  AUTH_SECRET: secret("AUTH_SECRET"),
  HOUSEHOLD_ID_KEY: secret("HOUSEHOLD_ID_KEY"),
});

export type Env = z.output<typeof schema>;

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join(".")} ${i.message}`).join("\n");
}

const KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];
let last: { source: Record<string, string | undefined>; fingerprint: string; parsed: Env } | null = null;

/**
 * The settings, parsed from process.env. The parse (about 50 µs: forty zod schemas) is redone only
 * when one of the variables it reads has changed since the last call (tests change them), not on
 * every call: proxy.ts and the livestream's hot path ask for it on every request.
 */
export function env(source: Record<string, string | undefined> = process.env): Env {
  let fingerprint = "";
  for (const key of KEYS) fingerprint += `${source[key] ?? "\u0000"}\u0001`;
  if (last && last.source === source && last.fingerprint === fingerprint) return last.parsed;
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid settings:\n${problems(parsed.error)}`);
  last = { source, fingerprint, parsed: Object.freeze(parsed.data) };
  return parsed.data;
}

let lastPage: {
  source: Record<string, string | undefined>;
  url: string | undefined;
  mode: string | undefined;
  settings: PageSettings;
} | null = null;

export type PageSettings = Pick<Env, "NEXTAUTH_URL" | "NODE_ENV">;

/**
 * The two settings proxy.ts reads on every page request (the site's URL for HSTS, and whether this is
 * `next dev`), parsed by env(). env() reads every variable to see whether one changed (about 8 µs a
 * call, half of the proxy's own time on a cached page); this reads these two and asks env() only
 * when one of them changed.
 */
export function pageSettings(source: Record<string, string | undefined> = process.env): PageSettings {
  const url = source.NEXTAUTH_URL;
  const mode = source.NODE_ENV;
  if (lastPage && lastPage.source === source && lastPage.url === url && lastPage.mode === mode) return lastPage.settings;
  const { NEXTAUTH_URL, NODE_ENV } = env(source);
  const settings = Object.freeze({ NEXTAUTH_URL, NODE_ENV });
  lastPage = { source, url, mode, settings };
  return settings;
}

/** The raw variables a validated section reads itself (payments keep their own zod schema). */
export function rawEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** Throws one error naming every missing or malformed setting a server needs. */
export function assertServerEnv(source: Record<string, string | undefined> = process.env): void {
  const parsed = serverSchema.safeParse(source);
  if (!parsed.success) throw new Error(`The server cannot start; fix these settings (see .env.example):\n${problems(parsed.error)}`);
}
