/** The head row of an office list's table (patients, requests): one column header a label. */
export function ColumnHeads({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-300">
        {labels.map((label) => (
          <th key={label} scope="col" className="p-2">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
