// A local stand-in for the part of the Stripe API that checkout uses (docs/dev-environment.md: no network to
// Stripe here). It speaks Stripe's wire format, so the real `stripe` client talks to it unchanged:
// form-encoded requests with bracketed keys (line_items[0][price_data][currency]=cny), JSON
// objects with an `object` field, errors as { error: { type, message, code?, param? } } with a
// 4xx status, `Idempotency-Key` honoured on every POST.
//
//   const fake = await startFakeStripe();
//   const session = await fake.stripe.checkout.sessions.create({...}, { idempotencyKey: order.id });
//   fake.completeSession(session.id);                 // the shopper pays on Stripe's page
//   const { payload, header } = fake.signEvent("checkout.session.completed", fake.session(session.id));
//   // POST payload with `stripe-signature: header` to the webhook route; it verifies for real.
//   await fake.close();
//
// Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST
// /v1/checkout/sessions/:id/expire, POST /v1/refunds, GET /v1/refunds/:id. Anything else is a 404
// as on Stripe ("Unrecognized request URL"). Objects carry the fields checkout reads, not every
// field of Stripe's types. What happens on Stripe's side without an API call (the shopper paying,
// a delayed payment settling) is done with completeSession and settleAsyncPayment. Sessions do
// not expire by the clock; use the expire endpoint. A refund is not delivered as a webhook:
// sign a charge.refunded event with fake.charges.get(id) when the test wants one.
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const FAKE_STRIPE_API_KEY = "sk_test_fake_xiaokang";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_test_fake_xiaokang";

export type FakeEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired"
  | "charge.refunded";

export interface FakeList<T> {
  object: "list";
  data: T[];
  has_more: false;
  url: string;
}

export interface FakeLineItem {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: { id: string; object: "price"; active: false; currency: string; product: string; type: "one_time"; unit_amount: number };
  quantity: number;
}

export interface FakeProduct {
  id: string;
  object: "product";
  name: string;
  description: string | null;
  metadata: Record<string, string>;
}

export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  /** As sent (null when not sent): a filter on the payment methods Stripe finds eligible. */
  allowed_payment_method_types: string[] | null;
  payment_method_options: Record<string, unknown>;
  /** What Stripe would offer: the allowed types, or ["card"] when none were named. */
  payment_method_types: string[];
  payment_status: "paid" | "unpaid";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  /** Only while the session is open, as on Stripe. Points at the fake, which does not serve it. */
  url: string | null;
}

/** A stored session: the wire object plus its line items (sent only with expand[]=line_items). */
export type StoredSession = FakeCheckoutSession & { line_items: FakeList<FakeLineItem> };

export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  created: number;
  currency: string;
  latest_charge: string | null;
  metadata: Record<string, string>;
  status: "processing" | "succeeded" | "requires_payment_method";
}

export interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: true;
  created: number;
  currency: string;
  livemode: false;
  metadata: Record<string, string>;
  paid: true;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded";
}

export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: "succeeded";
}

export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Record<string, unknown>;
  /** Lower-cased names, as node gives them. */
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The form body decoded into nested objects and arrays (values stay strings). */
  body: Record<string, unknown>;
  idempotencyKey: string | null;
  /** The status answered; 0 until the answer is sent. */
  status: number;
  /** Answered from the idempotency store rather than executed. */
  replayed: boolean;
}

type StripeObject = { id: string; object: string };

export interface SignedEvent {
  event: {
    id: string;
    object: "event";
    type: FakeEventType;
    created: number;
    data: { object: unknown; previous_attributes?: Record<string, unknown> };
  } & Record<string, unknown>;
  /** The raw body to POST to the webhook route, byte for byte. */
  payload: string;
  /** The `Stripe-Signature` header for that body. */
  header: string;
}

export interface FakeStripe {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The real client, pointed at the fake (no retries, so one call is one request). */
  stripe: Stripe;
  apiKey: string;
  webhookSecret: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** With `sessionsPerSecond`: session creations refused with a 429, and the most accepted in one second. */
  rateLimit(): { refused: number; peakPerSecond: number };
  sessions: Map<string, StoredSession>;
  paymentIntents: Map<string, FakePaymentIntent>;
  charges: Map<string, FakeCharge>;
  refunds: Map<string, FakeRefund>;
  products: Map<string, FakeProduct>;
  /** A copy of a session as the API returns it (without line items). Throws if unknown. */
  session(id: string): FakeCheckoutSession;
  /**
   * The shopper pays. Card-like (default): the session completes paid, with a succeeded payment
   * intent and a charge. `{ async: true }` (a delayed method): it completes unpaid, with the
   * payment intent processing, until settleAsyncPayment. Returns the session as the API would.
   */
  completeSession(id: string, options?: { async?: boolean }): FakeCheckoutSession;
  /** A delayed payment settles: paid (with a charge) or failed (the session stays unpaid). */
  settleAsyncPayment(id: string, outcome: "succeeded" | "failed"): FakeCheckoutSession;
  /**
   * An event of `type` about `object`, its JSON body and a valid signature. `secret` signs with
   * another secret; `timestamp` (seconds) dates the signature; `id` reuses an event id.
   */
  signEvent(
    type: FakeEventType,
    object: StripeObject,
    options?: { id?: string; secret?: string; timestamp?: number; previousAttributes?: Record<string, unknown> },
  ): SignedEvent;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string },
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new ApiError(400, { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) });

const missing = (kind: string, id: string, param: string, status = 404) =>
  new ApiError(status, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${id}'` });

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stripe's form encoding: a[b][0][c]=v, a[]=v (append). Values stay strings.

function parseForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, unknown> = root;
    for (let i = 0; i < path.length; i++) {
      let segment = path[i]!;
      if (segment === "") segment = String(Object.keys(node).length); // a[]=v appends
      if (i === path.length - 1) {
        if (segment in node) throw invalid(`Duplicate parameter: ${key}`);
        node[segment] = value;
      } else {
        const next = node[segment];
        if (next === undefined) node = node[segment] = {} as Record<string, unknown>;
        else if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
        else throw invalid(`Invalid parameter: ${key} is both a value and a hash`);
      }
    }
  }
  return arrayify(root, "") as Record<string, unknown>;
}

/** Hashes keyed 0..n-1 become arrays (not inside metadata, whose keys are free text). */
function arrayify(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const isList = key !== "metadata" && keys.length > 0 && keys.every((k, i) => k === String(i));
  const converted = Object.fromEntries(keys.map((k) => [k, key === "metadata" ? obj[k] : arrayify(obj[k], k)]));
  return isList ? keys.map((k) => converted[k]) : converted;
}

// ---------------------------------------------------------------------------------------------
// Parameter readers that fail the way Stripe does.

type Params = Record<string, unknown>;

function rejectUnknown(params: Params, allowed: readonly string[], prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key))
      throw invalid(
        `Received unknown parameter: ${prefix}${key} (unknown to the fake; add it to tests/support/fake-stripe.ts if Stripe has it)`,
        `${prefix}${key}`,
        "parameter_unknown",
      );
  }
}

function str(params: Params, key: string, param = key): string | null {
  const v = params[key];
  if (v === undefined) return null;
  if (typeof v !== "string") throw invalid(`Invalid string: ${param}`, param);
  return v;
}

function int(params: Params, key: string, param = key, min = 0): number | null {
  const v = str(params, key, param);
  if (v === null) return null;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw invalid(`Invalid integer: ${v}`, param);
  const n = Number(v);
  if (n < min) throw invalid(`This value must be greater than or equal to ${min}.`, param);
  return n;
}

function hash(params: Params, key: string, param = key): Params | null {
  const v = params[key];
  if (v === undefined || v === "") return null;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`Invalid object`, param);
  return v as Params;
}

function list(params: Params, key: string, param = key): unknown[] | null {
  const v = params[key];
  if (v === undefined) return null;
  if (!Array.isArray(v)) throw invalid(`Invalid array`, param);
  return v;
}

/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
function metadata(params: Params, key: string, param = key): Record<string, string> {
  const h = hash(params, key, param);
  if (!h) return {};
  const entries = Object.entries(h);
  if (entries.length > 50) throw invalid("Metadata can have at most 50 keys.", param);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== "string") throw invalid(`Invalid metadata value for ${k}`, `${param}[${k}]`);
    if (k.length > 40) throw invalid(`Metadata keys can be at most 40 characters.`, `${param}[${k}]`);
    if (v.length > 500) throw invalid(`Metadata values can be at most 500 characters.`, `${param}[${k}]`);
    out[k] = v;
  }
  return out;
}

const SESSION_PARAMS = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "expires_at",
  "metadata",
  "allowed_payment_method_types",
  "payment_method_options",
  "payment_intent_data",
  "client_reference_id",
  "customer_email",
  "locale",
  "expand",
] as const;
const PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay", "link"];
const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

// ---------------------------------------------------------------------------------------------

export async function startFakeStripe(
  options: {
    now?: () => number;
    apiKey?: string;
    webhookSecret?: string;
    /** Stripe's per-endpoint limit: more Checkout Session creations than this in any second get a 429. */
    sessionsPerSecond?: number;
  } = {},
): Promise<FakeStripe> {
  const nowMs = options.now ?? Date.now;
  const now = () => Math.floor(nowMs() / 1000);
  const apiKey = options.apiKey ?? FAKE_STRIPE_API_KEY;
  const webhookSecret = options.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET;

  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, StoredSession>();
  const paymentIntentData = new Map<string, Record<string, string>>(); // session id → payment_intent_data[metadata]
  const paymentIntents = new Map<string, FakePaymentIntent>();
  const charges = new Map<string, FakeCharge>();
  const refunds = new Map<string, FakeRefund>();
  const products = new Map<string, FakeProduct>();
  const idempotency = new Map<string, { method: string; path: string; rawBody: string; status: number; body: unknown }>();
  let baseUrl = "";

  const wireSession = (stored: StoredSession, expand: readonly unknown[] = []): Record<string, unknown> => {
    const { line_items, ...session } = structuredClone(stored);
    const out: Record<string, unknown> = session;
    if (expand.includes("line_items")) out.line_items = line_items;
    if (expand.includes("payment_intent") && session.payment_intent)
      out.payment_intent = structuredClone(paymentIntents.get(session.payment_intent));
    return out;
  };

  const findSession = (id: string): StoredSession => {
    const s = sessions.get(id);
    if (!s) throw missing("checkout.session", id, "session");
    return s;
  };

  function createSession(params: Params): Record<string, unknown> {
    if ("payment_method_types" in params) {
      // stripe@23 pins API 2026-10-28.endive, which dropped this parameter of Checkout Sessions.
      throw invalid(
        "Received unknown parameter: payment_method_types. Since API version 2026-10-28.endive use allowed_payment_method_types.",
        "payment_method_types",
        "parameter_unknown",
      );
    }
    rejectUnknown(params, SESSION_PARAMS);
    const mode = str(params, "mode");
    if (mode === null) throw invalid("Missing required param: mode.", "mode");
    if (mode !== "payment") throw invalid(`The fake supports mode=payment only, not ${mode}.`, "mode");

    const items = list(params, "line_items");
    if (!items || items.length === 0) throw invalid("Missing required param: line_items.", "line_items");
    if (items.length > 100) throw invalid("line_items can have at most 100 items.", "line_items");
    const created = now();
    const lineItems: FakeLineItem[] = items.map((raw, i) => {
      const p = `line_items[${i}]`;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("Invalid object", p);
      const item = raw as Params;
      rejectUnknown(item, ["price_data", "quantity"], `${p}[`);
      const quantity = int(item, "quantity", `${p}[quantity]`, 1);
      if (quantity === null) throw invalid(`Missing required param: ${p}[quantity].`, `${p}[quantity]`);
      const priceData = hash(item, "price_data", `${p}[price_data]`);
      if (!priceData) throw invalid(`Missing required param: ${p}[price_data] (the fake has no saved prices).`, `${p}[price_data]`);
      rejectUnknown(priceData, ["currency", "unit_amount", "product_data"], `${p}[price_data][`);
      const currency = str(priceData, "currency", `${p}[price_data][currency]`);
      if (!currency) throw invalid(`Missing required param: ${p}[price_data][currency].`, `${p}[price_data][currency]`);
      if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}.`, `${p}[price_data][currency]`);
      const unitAmount = int(priceData, "unit_amount", `${p}[price_data][unit_amount]`);
      if (unitAmount === null) throw invalid(`Missing required param: ${p}[price_data][unit_amount].`, `${p}[price_data][unit_amount]`);
      const productData = hash(priceData, "product_data", `${p}[price_data][product_data]`);
      if (!productData) throw invalid(`Missing required param: ${p}[price_data][product_data].`, `${p}[price_data][product_data]`);
      rejectUnknown(productData, ["name", "description", "metadata", "images"], `${p}[price_data][product_data][`);
      const name = str(productData, "name", `${p}[price_data][product_data][name]`);
      if (!name) throw invalid(`Missing required param: ${p}[price_data][product_data][name].`, `${p}[price_data][product_data][name]`);
      const product: FakeProduct = {
        id: newId("prod_", 14),
        object: "product",
        name,
        description: str(productData, "description", `${p}[price_data][product_data][description]`),
        metadata: metadata(productData, "metadata", `${p}[price_data][product_data][metadata]`),
      };
      products.set(product.id, product);
      const amount = unitAmount * quantity;
      return {
        id: newId("li_"),
        object: "item",
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency,
        description: name,
        price: {
          id: newId("price_"),
          object: "price",
          active: false,
          currency,
          product: product.id,
          type: "one_time",
          unit_amount: unitAmount,
        },
        quantity,
      };
    });
    const currency = lineItems[0]!.currency;
    if (lineItems.some((li) => li.currency !== currency)) throw invalid("All line_items must use the same currency.", "line_items");
    const total = lineItems.reduce((s, li) => s + li.amount_total, 0);
    if (!Number.isSafeInteger(total) || total > 99_999_999) throw invalid("Amount must be no more than 99,999,999.", "line_items");

    const expiresAt = int(params, "expires_at") ?? created + 24 * 3600;
    if (expiresAt < created + 30 * 60)
      throw invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
    if (expiresAt > created + 24 * 3600)
      throw invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");

    const allowedTypes =
      list(params, "allowed_payment_method_types")?.map((t, i) => {
        if (typeof t !== "string" || !PAYMENT_METHOD_TYPES.includes(t)) {
          throw invalid(
            `Invalid allowed_payment_method_types[${i}]: the fake knows ${PAYMENT_METHOD_TYPES.join(", ")}.`,
            `allowed_payment_method_types[${i}]`,
          );
        }
        return t;
      }) ?? null;
    const methodOptions = hash(params, "payment_method_options") ?? {};
    const wechat = hash(methodOptions, "wechat_pay", "payment_method_options[wechat_pay]");
    if (wechat && !["web", "ios", "android"].includes(String(wechat.client))) {
      throw invalid("Missing required param: payment_method_options[wechat_pay][client].", "payment_method_options[wechat_pay][client]");
    }
    const piData = hash(params, "payment_intent_data") ?? {};
    rejectUnknown(piData, ["metadata", "description"], "payment_intent_data[");
    const clientReferenceId = str(params, "client_reference_id");
    if (clientReferenceId !== null && clientReferenceId.length > 200)
      throw invalid("client_reference_id can be at most 200 characters.", "client_reference_id");

    const id = newId("cs_test_", 58);
    const stored: StoredSession = {
      id,
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      cancel_url: str(params, "cancel_url"),
      client_reference_id: clientReferenceId,
      created,
      currency,
      customer_email: str(params, "customer_email"),
      expires_at: expiresAt,
      livemode: false,
      locale: str(params, "locale"),
      metadata: metadata(params, "metadata"),
      mode: "payment",
      payment_intent: null,
      allowed_payment_method_types: allowedTypes,
      payment_method_options: methodOptions,
      payment_method_types: allowedTypes ?? ["card"],
      payment_status: "unpaid",
      status: "open",
      success_url: str(params, "success_url"),
      url: `${baseUrl}/c/pay/${id}`,
      line_items: { object: "list", data: lineItems, has_more: false, url: `/v1/checkout/sessions/${id}/line_items` },
    };
    sessions.set(id, stored);
    paymentIntentData.set(id, metadata(piData, "metadata", "payment_intent_data[metadata]"));
    return wireSession(stored, list(params, "expand") ?? []);
  }

  function expireSession(id: string): Record<string, unknown> {
    const stored = findSession(id);
    if (stored.status !== "open")
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${stored.status}".`);
    stored.status = "expired";
    stored.url = null;
    return wireSession(stored);
  }

  function createRefund(params: Params): Record<string, unknown> {
    rejectUnknown(params, ["payment_intent", "charge", "amount", "reason", "metadata", "expand"]);
    const piId = str(params, "payment_intent");
    const chargeId = str(params, "charge");
    if (!piId && !chargeId) throw invalid("One of the following params should be provided for this request: payment_intent or charge.");
    let charge: FakeCharge | undefined;
    if (chargeId) {
      charge = charges.get(chargeId);
      if (!charge) throw missing("charge", chargeId, "charge", 400);
      if (piId && charge.payment_intent !== piId) throw invalid(`Charge ${chargeId} does not belong to payment intent ${piId}.`, "charge");
    } else {
      const pi = paymentIntents.get(piId!);
      if (!pi) throw missing("payment_intent", piId!, "payment_intent", 400);
      charge = pi.latest_charge ? charges.get(pi.latest_charge) : undefined;
      if (!charge) throw invalid(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, "payment_intent");
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
    const amount = int(params, "amount", "amount", 1) ?? remaining;
    if (amount > remaining) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, "amount", "amount_too_large");
    }
    const reason = str(params, "reason");
    if (reason !== null && !REFUND_REASONS.includes(reason))
      throw invalid(`Invalid reason: must be one of ${REFUND_REASONS.join(", ")}`, "reason");
    const refund: FakeRefund = {
      id: newId("re_"),
      object: "refund",
      amount,
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata: metadata(params, "metadata"),
      payment_intent: charge.payment_intent,
      reason,
      status: "succeeded",
    };
    refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return structuredClone(refund) as unknown as Record<string, unknown>;
  }

  const sessionCreations: number[] = [];
  let rateLimited = 0;
  let peakPerSecond = 0;

  function route(method: string, path: string, params: Params): { status: number; body: unknown } {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (options.sessionsPerSecond !== undefined) {
        const at = Date.now();
        while (sessionCreations.length && sessionCreations[0]! <= at - 1000) sessionCreations.shift();
        if (sessionCreations.length >= options.sessionsPerSecond) {
          rateLimited++;
          throw new ApiError(429, {
            type: "invalid_request_error",
            code: "rate_limit",
            message: "Too many requests hit the API too quickly.",
          });
        }
        sessionCreations.push(at);
        peakPerSecond = Math.max(peakPerSecond, sessionCreations.length);
      }
      return { status: 200, body: createSession(params) };
    }
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      rejectUnknown(params, ["expand"]);
      return { status: 200, body: wireSession(findSession(decodeURIComponent(m[1]!)), list(params, "expand") ?? []) };
    }
    if (method === "POST" && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) {
      rejectUnknown(params, ["expand"]);
      return { status: 200, body: expireSession(decodeURIComponent(m[1]!)) };
    }
    if (method === "POST" && path === "/v1/refunds") return { status: 200, body: createRefund(params) };
    if (method === "GET" && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const refund = refunds.get(decodeURIComponent(m[1]!));
      if (!refund) throw missing("refund", decodeURIComponent(m[1]!), "id");
      return { status: 200, body: structuredClone(refund) };
    }
    throw new ApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). The fake Stripe answers only what checkout uses.`,
    });
  }

  function handle(
    req: http.IncomingMessage,
    rawBody: string,
    record: RecordedRequest,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } } };
    }
    try {
      if (
        record.method === "POST" &&
        rawBody !== "" &&
        !String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
      ) {
        throw invalid("Request bodies must be application/x-www-form-urlencoded.");
      }
      const params = record.method === "POST" ? record.body : record.query;
      const key = record.idempotencyKey;
      if (record.method === "POST" && key) {
        const seen = idempotency.get(key);
        if (seen) {
          if (seen.method !== record.method || seen.path !== record.path || seen.rawBody !== rawBody) {
            throw new ApiError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            });
          }
          record.replayed = true;
          return { status: seen.status, body: structuredClone(seen.body), headers: { "idempotent-replayed": "true" } };
        }
      }
      const result = route(record.method, record.path, params);
      // Stripe saves the result of a request that executed; validation failures are not saved.
      if (record.method === "POST" && key)
        idempotency.set(key, {
          method: record.method,
          path: record.path,
          rawBody,
          status: result.status,
          body: structuredClone(result.body),
        });
      return result;
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: error.body } };
      return { status: 500, body: { error: { type: "api_error", message: `fake Stripe failed: ${(error as Error).message}` } } };
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const target = new URL(req.url ?? "/", "http://fake");
      const record: RecordedRequest = {
        method: req.method ?? "GET",
        path: target.pathname,
        query: {},
        headers: req.headers,
        rawBody,
        body: {},
        idempotencyKey: typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null,
        status: 0,
        replayed: false,
      };
      requests.push(record);
      let answer: { status: number; body: unknown; headers?: Record<string, string> };
      try {
        record.query = parseForm(target.search.slice(1));
        record.body = req.method === "POST" ? parseForm(rawBody) : {};
        answer = handle(req, rawBody, record);
      } catch (error) {
        answer =
          error instanceof ApiError
            ? { status: error.status, body: { error: error.body } }
            : { status: 500, body: { error: { type: "api_error", message: String(error) } } };
      }
      record.status = answer.status;
      const text = JSON.stringify(answer.body, null, 2);
      res.writeHead(answer.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        "request-id": newId("req_", 14),
        "stripe-version": String(req.headers["stripe-version"] ?? Stripe.API_VERSION),
        ...answer.headers,
      });
      res.end(text);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  // Our own agent, so close() can drop its keep-alive sockets (the client's default agent is shared).
  const agent = new http.Agent({ keepAlive: true });
  const stripe = new Stripe(apiKey, {
    apiVersion: Stripe.API_VERSION,
    host: "127.0.0.1",
    port,
    protocol: "http",
    httpAgent: agent,
    maxNetworkRetries: 0,
    telemetry: false,
  });

  function session(id: string): FakeCheckoutSession {
    const stored = sessions.get(id);
    if (!stored) throw new Error(`fake Stripe: no session ${id}`);
    return wireSession(stored) as unknown as FakeCheckoutSession;
  }

  function charge(stored: StoredSession, pi: FakePaymentIntent): void {
    const ch: FakeCharge = {
      id: newId("ch_"),
      object: "charge",
      amount: pi.amount,
      amount_captured: pi.amount,
      amount_refunded: 0,
      captured: true,
      created: now(),
      currency: pi.currency,
      livemode: false,
      metadata: { ...pi.metadata },
      paid: true,
      payment_intent: pi.id,
      refunded: false,
      status: "succeeded",
    };
    charges.set(ch.id, ch);
    pi.latest_charge = ch.id;
    pi.amount_received = pi.amount;
    pi.status = "succeeded";
    stored.payment_status = "paid";
  }

  function completeSession(id: string, opts: { async?: boolean } = {}): FakeCheckoutSession {
    const stored = sessions.get(id);
    if (!stored) throw new Error(`fake Stripe: no session ${id}`);
    if (stored.status !== "open") throw new Error(`fake Stripe: session ${id} is ${stored.status}, not open`);
    const pi: FakePaymentIntent = {
      id: newId("pi_"),
      object: "payment_intent",
      amount: stored.amount_total,
      amount_received: 0,
      created: now(),
      currency: stored.currency,
      latest_charge: null,
      metadata: { ...(paymentIntentData.get(id) ?? {}) },
      status: "processing",
    };
    paymentIntents.set(pi.id, pi);
    stored.payment_intent = pi.id;
    stored.status = "complete";
    stored.url = null;
    if (!opts.async) charge(stored, pi);
    return session(id);
  }

  function settleAsyncPayment(id: string, outcome: "succeeded" | "failed"): FakeCheckoutSession {
    const stored = sessions.get(id);
    const pi = stored?.payment_intent ? paymentIntents.get(stored.payment_intent) : undefined;
    if (!stored || !pi || pi.status !== "processing") throw new Error(`fake Stripe: session ${id} has no payment awaiting settlement`);
    if (outcome === "succeeded") charge(stored, pi);
    else pi.status = "requires_payment_method";
    return session(id);
  }

  function signEvent(
    type: FakeEventType,
    object: StripeObject,
    opts: { id?: string; secret?: string; timestamp?: number; previousAttributes?: Record<string, unknown> } = {},
  ): SignedEvent {
    const expected = type.startsWith("checkout.session.") ? "checkout.session" : "charge";
    if (object.object !== expected) throw new Error(`fake Stripe: a ${type} event is about a ${expected}, not a ${object.object}`);
    const event = {
      id: opts.id ?? newId("evt_"),
      object: "event" as const,
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object), ...(opts.previousAttributes ? { previous_attributes: opts.previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? webhookSecret,
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    });
    return { event, payload, header };
  }

  async function close(): Promise<void> {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  return {
    url: baseUrl,
    port,
    rateLimit: () => ({ refused: rateLimited, peakPerSecond }),
    stripe,
    apiKey,
    webhookSecret,
    requests,
    sessions,
    paymentIntents,
    charges,
    refunds,
    products,
    session,
    completeSession,
    settleAsyncPayment,
    signEvent,
    close,
  };
}
