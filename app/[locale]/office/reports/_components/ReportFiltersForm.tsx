"use client";
// The report's filters: a GET form, so every view has its own URL (bookmark it, send it, print
// it). With JavaScript: only the chosen kind of period shows its field, choosing a county, a
// township or a seller reloads at once (the next list depends on it), and empty fields stay out
// of the URL. Without it the form still works: "Show" submits everything.
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { inputClass } from "@/components/ui/styles";

export interface Option {
  value: string;
  label: string;
}

export interface FilterValues {
  period: "month" | "quarter" | "year" | "custom";
  month: string;
  quarter: string;
  year: string;
  from: string;
  to: string;
  county: string;
  township: string;
  village: string;
  operator: string;
  product: string;
  category: string;
  channel: string;
}

export interface FilterLabels {
  legend: string;
  period: string;
  kinds: Record<FilterValues["period"], string>;
  month: string;
  quarter: string;
  year: string;
  from: string;
  to: string;
  county: string;
  allCounties: string;
  township: string;
  allTownships: string;
  village: string;
  allVillages: string;
  villageHint: string;
  operator: string;
  allOperators: string;
  product: string;
  allProducts: string;
  productHint: string;
  category: string;
  allCategories: string;
  channel: string;
  allChannels: string;
  apply: string;
  clear: string;
}

export interface FilterOptions {
  counties: Option[];
  townships: Option[];
  villages: Option[];
  operators: Option[];
  products: Option[];
  categories: Option[];
  channels: Option[];
  quarters: Option[];
  years: Option[];
}

/** Fields that, once chosen, change the choices of others: [field, fields to clear]. */
const RELOADS: Record<string, string[]> = {
  county: ["township", "village", "operator", "product"],
  township: ["village"],
  operator: ["product"],
};

const label = "block text-xs font-medium text-stone-700";

export function ReportFiltersForm({
  action,
  values,
  options,
  labels,
  showCounty,
}: {
  action: string;
  values: FilterValues;
  options: FilterOptions;
  labels: FilterLabels;
  showCounty: boolean;
}) {
  const router = useRouter();
  const [kind, setKind] = useState(values.period);

  const go = (form: HTMLFormElement) => {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim()) query.set(key, value.trim());
    router.push(`${action}?${query}`);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    go(e.currentTarget);
  };
  const reload = (e: ChangeEvent<HTMLSelectElement>) => {
    const form = e.currentTarget.form!;
    for (const name of RELOADS[e.currentTarget.name] ?? []) {
      const field = form.elements.namedItem(name) as HTMLSelectElement | null;
      if (field) field.value = "";
    }
    go(form);
  };

  const select = (
    name: keyof FilterValues,
    text: string,
    all: string,
    list: Option[],
    opts: { onChange?: boolean; hint?: string } = {},
  ) => (
    <div>
      <label htmlFor={`rf-${name}`} className={label}>
        {text}
      </label>
      <select
        id={`rf-${name}`}
        name={name}
        defaultValue={values[name]}
        onChange={opts.onChange ? reload : undefined}
        disabled={list.length === 0 && !values[name]}
        className={inputClass}
      >
        <option value="">{list.length === 0 && opts.hint ? opts.hint : all}</option>
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      method="get"
      action={action}
      onSubmit={onSubmit}
      role="search"
      aria-label={labels.legend}
      className="grid grid-cols-2 gap-3 rounded-xl bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3 lg:grid-cols-4 print:hidden"
      data-testid="report-filters"
    >
      <div>
        <label htmlFor="rf-period" className={label}>
          {labels.period}
        </label>
        <select
          id="rf-period"
          name="period"
          value={kind}
          onChange={(e) => setKind(e.target.value as FilterValues["period"])}
          className={inputClass}
        >
          {(["month", "quarter", "year", "custom"] as const).map((k) => (
            <option key={k} value={k}>
              {labels.kinds[k]}
            </option>
          ))}
        </select>
      </div>
      {kind === "month" ? (
        <div>
          <label htmlFor="rf-month" className={label}>
            {labels.month}
          </label>
          <input id="rf-month" name="month" type="month" defaultValue={values.month} min="2000-01" max="2099-12" className={inputClass} />
        </div>
      ) : kind === "quarter" ? (
        <div>
          <label htmlFor="rf-quarter" className={label}>
            {labels.quarter}
          </label>
          <select id="rf-quarter" name="quarter" defaultValue={values.quarter} className={inputClass}>
            {options.quarters.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : kind === "year" ? (
        <div>
          <label htmlFor="rf-year" className={label}>
            {labels.year}
          </label>
          <select id="rf-year" name="year" defaultValue={values.year} className={inputClass}>
            {options.years.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="col-span-2 grid grid-cols-2 gap-3 sm:col-span-2">
          <div>
            <label htmlFor="rf-from" className={label}>
              {labels.from}
            </label>
            <input id="rf-from" name="from" type="date" required defaultValue={values.from} className={inputClass} />
          </div>
          <div>
            <label htmlFor="rf-to" className={label}>
              {labels.to}
            </label>
            <input id="rf-to" name="to" type="date" required defaultValue={values.to} className={inputClass} />
          </div>
        </div>
      )}
      {showCounty ? select("county", labels.county, labels.allCounties, options.counties, { onChange: true }) : null}
      {select("township", labels.township, labels.allTownships, options.townships, { onChange: true })}
      {select("village", labels.village, labels.allVillages, options.villages, { hint: labels.villageHint })}
      {select("operator", labels.operator, labels.allOperators, options.operators, { onChange: true })}
      {select("product", labels.product, labels.allProducts, options.products, { hint: labels.productHint })}
      {select("category", labels.category, labels.allCategories, options.categories)}
      {select("channel", labels.channel, labels.allChannels, options.channels)}
      <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800">
          {labels.apply}
        </button>
        <a href={action} className="rounded-lg px-3 py-2.5 text-sm font-medium text-brand-800 underline">
          {labels.clear}
        </a>
      </div>
    </form>
  );
}
