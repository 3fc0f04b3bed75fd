"use client";
// The catalogue's seller filter. The chosen seller is in the page; the county's full list is
// fetched once the page is up (see listCountyOperators for why it is not in the cached page).
// Without JavaScript the select still shows and submits the chosen seller.
import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";

type Row = [slug: string, nameZh: string, nameEn: string];

export function OperatorSelect(props: {
  id: string;
  county: string;
  locale: Locale;
  current: { value: string; label: string } | null;
  allLabel: string;
  className: string;
}) {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/catalog/operators?county=${props.county}`)
      .then((r) => (r.ok ? (r.json() as Promise<Row[]>) : null))
      .then((data) => live && data && setRows(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.county]);
  const options = rows
    ? rows.map(([value, zh, en]) => ({ value, label: props.locale === "en" ? en || zh : zh }))
    : props.current
      ? [props.current]
      : [];
  return (
    <select
      id={props.id}
      name="operator"
      defaultValue={props.current?.value ?? ""}
      key={rows ? "loaded" : "initial"}
      className={props.className}
    >
      <option value="">{props.allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
