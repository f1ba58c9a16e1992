import type { ReactNode } from 'react';

/**
 * The search at the top of the office's lists (patients, accounts, messages, requests): a form
 * posted to a server action that remembers the search and redirects to the list, so it works
 * with or without JavaScript and the words never travel in the address.
 */
export function StaffSearch({
  action,
  formLabel,
  field,
  buttonLabel,
  keep = {},
}: {
  action: (formData: FormData) => Promise<void>;
  formLabel: string;
  field: { id: string; label: string; defaultValue: string };
  buttonLabel: string;
  /** Where the list stands (its tab, its kind), kept across the search. */
  keep?: Record<string, string>;
}) {
  return (
    <form
      action={action}
      role="search"
      aria-label={formLabel}
      className="flex flex-wrap items-end gap-2"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SearchBox name="q" {...field} />
      <SearchButton>{buttonLabel}</SearchButton>
    </form>
  );
}

export function SearchBox({
  id,
  name,
  label,
  defaultValue,
  type,
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  type?: 'date';
  placeholder?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="rounded-md border border-slate-400 px-3 py-2"
      />
    </div>
  );
}

export function SearchButton({ children }: { children: ReactNode }) {
  return (
    <button
      type="submit"
      className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
    >
      {children}
    </button>
  );
}
