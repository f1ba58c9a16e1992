import type { ReactNode } from 'react';

const borders = { amber: 'border-amber-300', red: 'border-red-300' };

/**
 * A panel of the office's home page listing what needs a person's attention (accounts under
 * attack, undelivered email): a heading, a line of why, the status of the last action, and one
 * row a thing, its description beside its button.
 */
export function AttentionList<Row extends { id: string }>({
  id,
  tone,
  heading,
  intro,
  status,
  rows,
  testId,
  describe,
  action,
}: {
  id: string;
  tone: keyof typeof borders;
  heading: string;
  intro: string;
  status: ReactNode;
  rows: Row[];
  testId: string;
  describe: (row: Row) => ReactNode;
  action: (row: Row) => ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`rounded-lg border ${borders[tone]} bg-white p-4`}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      <p className="mt-1 text-slate-700">{intro}</p>
      {status}
      <ul className="mt-3 flex flex-col gap-2">
        {rows.map((row) => (
          <li
            key={row.id}
            className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between"
            data-testid={testId}
          >
            <div className="text-sm">{describe(row)}</div>
            {action(row)}
          </li>
        ))}
      </ul>
    </section>
  );
}
