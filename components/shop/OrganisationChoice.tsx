"use client";
// At checkout, a member of buyer organisations says whom they buy for: one of their organisations
// (the order then counts for it, and the server gives it its channel) or themself (个人购买, a
// retail order). With exactly one organisation it is chosen already. The labels come as props.
export interface OrganisationOption {
  id: string;
  name: string;
  /** 预算单位 / 工会 / 企业 / 东西部协作: what kind of buyer it is. */
  kind: string;
}

export interface OrganisationChoiceLabels {
  legend: string;
  hint: string;
  personal: string;
  personalHint: string;
}

/** The choice a member starts with: their only organisation, else none (they pick). */
export function defaultOrganisation(options: readonly OrganisationOption[] | undefined): string {
  return options?.length === 1 ? options[0]!.id : "";
}

const optionClass =
  "flex cursor-pointer items-start gap-3 rounded-lg px-3 py-2 ring-1 ring-stone-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600";

export function OrganisationChoice({
  options,
  labels,
  value,
  onChange,
}: {
  options: readonly OrganisationOption[];
  labels: OrganisationChoiceLabels;
  value: string;
  onChange: (organisationId: string) => void;
}) {
  if (options.length === 0) return null;
  return (
    <fieldset className="space-y-2" data-testid="organisation-choice">
      <legend className="text-sm font-medium text-stone-900">{labels.legend}</legend>
      <p className="text-xs text-stone-600">{labels.hint}</p>
      {options.map((o) => (
        <label key={o.id} className={optionClass}>
          <input
            type="radio"
            name="organisationId"
            value={o.id}
            checked={value === o.id}
            onChange={() => onChange(o.id)}
            className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
          />
          <span className="min-w-0">
            <span className="block text-sm font-semibold break-words">{o.name}</span>
            <span className="block text-xs text-stone-600">{o.kind}</span>
          </span>
        </label>
      ))}
      <label className={optionClass}>
        <input
          type="radio"
          name="organisationId"
          value=""
          checked={value === ""}
          onChange={() => onChange("")}
          className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
        />
        <span className="min-w-0">
          <span className="block text-sm font-semibold">{labels.personal}</span>
          <span className="block text-xs text-stone-600">{labels.personalHint}</span>
        </span>
      </label>
    </fieldset>
  );
}
