"use client";
// The roster import in the browser: choose a file (its size is checked here first, so a 50 MB
// file is refused before it is sent), preview it (the server reads it and lists the problems of
// each row), then confirm (the same file is sent again and imported whole, or not at all).
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import { inputClass } from "@/components/ui/styles";
import type { ActionResult } from "@/lib/actions/define";
import type { ServerAction } from "@/lib/actions/define.server";
import { MAX_IMPORT_BYTES } from "@/lib/households/import-limits";
import type { Locale } from "@/lib/i18n/locales";
import type { Change, ImportPreview } from "@/lib/households/import.server";

type Counts = { created: number; updated: number; unchanged: number };
type Failure = { key: string; values?: Record<string, string | number> };

function failureOf(result: ActionResult<unknown>): Failure | null {
  if (result.ok) return null;
  // A refused file comes back as a field error of `file` (zod) or as the action's error.
  const field = result.fieldErrors?.file?.[0] ?? result.fieldErrors?.countyId?.[0];
  return field ? { key: field } : { key: result.error, values: result.values };
}

export function ImportForm({
  preview,
  confirm,
  counties,
  fixedCounty,
  maxMb,
}: {
  preview: ServerAction<ImportPreview>;
  confirm: ServerAction<Counts>;
  counties: { id: string; name: string }[];
  fixedCounty: string | null;
  maxMb: number;
}) {
  const t = useTranslations("registry.import");
  const e = useTranslations("errors");
  const locale = useLocale() as Locale;
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [countyId, setCountyId] = useState(fixedCounty ?? "");
  const [result, setResult] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<Counts | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const [step, setStep] = useState<"preview" | "confirm" | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const message = (f: Failure) => {
    const values = { maxMb, ...f.values };
    if (t.has(`errors.${f.key}`)) return t(`errors.${f.key}`, values);
    return e.has(f.key) ? e(f.key, values) : e("unexpected");
  };

  const send = (action: ServerAction<unknown>, extra: Record<string, string>, which: "preview" | "confirm") => {
    if (!countyId) return setFailure({ key: "importCountyRequired" });
    if (!file) return setFailure({ key: "importFileRequired" });
    if (file.size === 0) return setFailure({ key: "importFileEmpty" });
    if (file.size > MAX_IMPORT_BYTES) return setFailure({ key: "importFileTooLarge" });
    const form = new FormData();
    form.set("countyId", countyId);
    form.set("file", file);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    setFailure(null);
    setStep(which);
    start(async () => {
      let outcome: ActionResult<unknown>;
      try {
        outcome = await action(undefined, form);
      } catch (error) {
        const offline = error instanceof TypeError || (typeof navigator !== "undefined" && navigator.onLine === false);
        outcome = { ok: false, error: offline ? "network" : "unexpected" };
      }
      const failed = failureOf(outcome);
      if (failed) {
        setFailure(failed);
        if (which === "preview") setResult(null);
      } else if (which === "preview") {
        setResult(outcome.ok ? (outcome.data as ImportPreview) : null);
      } else {
        setDone(outcome.ok ? (outcome.data as Counts) : null);
        setResult(null);
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
      }
    });
  };

  const onPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) send(preview as ServerAction<unknown>, {}, "preview");
  };
  const onConfirm = () => {
    if (!result || pending) return;
    send(
      confirm as ServerAction<unknown>,
      {
        sha256: result.sha256,
        expectNew: String(result.counts.new),
        expectUpdated: String(result.counts.updated),
        expectUnchanged: String(result.counts.unchanged),
      },
      "confirm",
    );
  };

  const field = (name: string | null) => (name ? t(`fields.${name}`) : "");
  const changeValue = (c: Change, v: string | number) => {
    if (c.field === "status") return t(`statuses.${v}`);
    if (c.field === "village") {
      const place = result?.villages[String(v)];
      return place ? (locale === "en" ? place.en : place.zh) : String(v);
    }
    return String(v);
  };
  const canImport = result && result.problemCount === 0 && result.counts.new + result.counts.updated > 0;

  return (
    <div className="space-y-5">
      <form onSubmit={onPreview} className="space-y-4" aria-busy={pending} noValidate data-testid="import-form">
        {fixedCounty === null ? (
          <div className="space-y-1">
            <label htmlFor={`${id}-county`} className="block text-sm font-medium text-stone-800">
              {t("county")}
            </label>
            <select
              id={`${id}-county`}
              value={countyId}
              onChange={(ev) => {
                setCountyId(ev.target.value);
                setResult(null);
                setDone(null);
              }}
              className={inputClass}
            >
              <option value="">{t("chooseCounty")}</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-stone-800">
            {t("file")}
          </label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept=".xlsx,.csv,.txt,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby={`${id}-file-hint`}
            onChange={(ev) => {
              setFile(ev.target.files?.[0] ?? null);
              setResult(null);
              setDone(null);
              setFailure(null);
            }}
            className="peer sr-only"
          />
          {/* The browser's own button speaks the browser's language; this one the page's. */}
          <div className="flex flex-wrap items-center gap-3">
            <label
              htmlFor={`${id}-file`}
              className="cursor-pointer rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-inset ring-brand-700/40 hover:bg-brand-50 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600"
            >
              {t("choose")}
            </label>
            <span className="min-w-0 break-all text-sm text-stone-700" data-testid="import-file-name">
              {file ? file.name : t("noFile")}
            </span>
          </div>
          <p id={`${id}-file-hint`} className="text-xs text-stone-600">
            {t("fileHint", { maxMb })}
          </p>
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60"
        >
          {pending && step === "preview" ? t("previewing") : t("preview")}
        </button>
      </form>

      <div aria-live="polite" className="space-y-5">
        {failure ? (
          <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="import-error">
            {message(failure)}
          </p>
        ) : null}

        {done ? (
          <div className="space-y-2 rounded-lg bg-leaf-50 px-3 py-3 text-sm text-leaf-700" role="status" data-testid="import-done">
            <p className="font-semibold">{t("done", done)}</p>
            <LocalLink locale={locale} href="/office/households" className="font-medium underline">
              {t("viewList")}
            </LocalLink>
          </div>
        ) : null}

        {result ? (
          <section aria-labelledby={`${id}-preview`} className="space-y-4" data-testid="import-preview">
            <h2 id={`${id}-preview`} className="text-lg font-semibold">
              {t("previewTitle")}
            </h2>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div className="col-span-2 min-w-0 sm:col-span-1">
                <dt className="text-xs font-medium text-stone-600">{t("fileName")}</dt>
                <dd className="break-all">{result.fileName}</dd>
              </div>
              {result.sheet ? (
                <div>
                  <dt className="text-xs font-medium text-stone-600">{t("sheet")}</dt>
                  <dd>{result.sheet}</dd>
                </div>
              ) : null}
              <div>
                <dt className="text-xs font-medium text-stone-600">{t("headerRows")}</dt>
                <dd>
                  {result.headerRows[0] === result.headerRows[1]
                    ? t("headerRowsOne", { from: result.headerRows[0] })
                    : t("headerRowsRange", { from: result.headerRows[0], to: result.headerRows[1] })}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-stone-600">{t("dataRows")}</dt>
                <dd>{t("dataRowsValue", { count: result.dataRows })}</dd>
              </div>
              <div className="col-span-2">
                <dt className="text-xs font-medium text-stone-600">{t("columnsFound")}</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {result.columns.map((c) => (
                    <span key={c.field} className="rounded-md bg-stone-100 px-2 py-0.5 text-xs text-stone-800" title={c.header}>
                      {t("columnOf", { field: field(c.field), column: c.column })}
                    </span>
                  ))}
                </dd>
              </div>
            </dl>

            <h3 className="text-base font-semibold">{t("countsTitle")}</h3>
            <ul className="grid grid-cols-3 gap-2 text-center" data-testid="import-counts">
              {(
                [
                  ["countNew", result.counts.new, "new"],
                  ["countUpdated", result.counts.updated, "updated"],
                  ["countUnchanged", result.counts.unchanged, "unchanged"],
                ] as const
              ).map(([label, n, key]) => (
                <li key={key} className="rounded-lg bg-stone-50 px-2 py-2 ring-1 ring-stone-200">
                  <span className="block text-xs text-stone-600">{t(label)}</span>
                  <span className="block text-lg font-semibold tabular-nums" data-testid={`import-count-${key}`}>
                    {n}
                  </span>
                </li>
              ))}
            </ul>

            {result.problemCount > 0 ? <p className="text-xs text-stone-600">{t("countsOfClean")}</p> : null}

            {result.problemCount > 0 ? (
              <div className="space-y-2">
                <h3 className="text-base font-semibold">{t("problemsTitle")}</h3>
                <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
                  {t("problemsSummary", { count: result.problemCount, rows: result.problemRowCount })} {t("nothingWritten")}
                </p>
                <div className="overflow-x-auto rounded-lg ring-1 ring-stone-200">
                  <table className="w-full text-left text-sm" data-testid="import-problems">
                    <thead className="bg-stone-50 text-xs text-stone-700">
                      <tr>
                        <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                          {t("row")}
                        </th>
                        <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                          {t("column")}
                        </th>
                        <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                          {t("problem")}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-100">
                      {result.problems.map((p, i) => (
                        <tr key={`${p.row}-${p.field}-${i}`} data-testid="import-problem">
                          <td className="whitespace-nowrap px-2 py-2 align-top tabular-nums sm:px-3">{p.row}</td>
                          <td className="whitespace-nowrap px-2 py-2 align-top sm:px-3">
                            {field(p.field)}
                            {p.column ? <span className="block text-xs text-stone-600">{p.column}</span> : null}
                          </td>
                          <td className="px-2 py-2 align-top sm:px-3">{t(`problems.${p.key}`, p.values ?? {})}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {result.problems.length < result.problemCount ? (
                  <p className="text-xs text-stone-600">{t("problemsMore", { shown: result.problems.length })}</p>
                ) : null}
              </div>
            ) : (
              <p className="text-sm text-leaf-700">{t("noProblems")}</p>
            )}

            {result.updates.length > 0 ? (
              <div className="space-y-2">
                <h3 className="text-base font-semibold">{t("updatesTitle")}</h3>
                <ul className="divide-y divide-stone-100 rounded-lg text-sm ring-1 ring-stone-200" data-testid="import-updates">
                  {result.updates.map((u) => (
                    <li key={u.row} className="px-3 py-2">
                      <span className="font-mono">{u.registryCode}</span>{" "}
                      <span className="text-xs text-stone-600">{t("rowNumber", { row: u.row })}</span>
                      <ul className="mt-1 space-y-0.5 text-stone-800">
                        {u.changes.map((c) => (
                          <li key={c.field}>
                            {t("change", { field: field(c.field), from: changeValue(c, c.from), to: changeValue(c, c.to) })}
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
                {result.updates.length < result.counts.updated ? (
                  <p className="text-xs text-stone-600">{t("updatesMore", { shown: result.updates.length })}</p>
                ) : null}
              </div>
            ) : null}

            {result.problemCount === 0 && !canImport ? (
              <p className="rounded-lg bg-stone-50 px-3 py-2 text-sm text-stone-800">{t("nothingToDo")}</p>
            ) : null}

            {canImport ? (
              <div className="space-y-2 border-t border-stone-200 pt-4">
                <p className="text-sm text-stone-700">{t("confirmHint", { created: result.counts.new, updated: result.counts.updated })}</p>
                <button
                  type="button"
                  onClick={onConfirm}
                  disabled={pending}
                  className="w-full rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60 sm:w-auto"
                >
                  {pending && step === "confirm" ? t("confirming") : t("confirm")}
                </button>
              </div>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
