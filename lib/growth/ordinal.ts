/** Client-safe: "58th", "1st", "below the 0.1st": a percentile as people say it. */
export function ordinal(percentile: number): string {
  if (percentile < 0.1) return 'below the 0.1st';
  if (percentile > 99.9) return 'above the 99.9th';
  const rounded =
    percentile < 1 || percentile > 99 ? Math.round(percentile * 10) / 10 : Math.round(percentile);
  if (!Number.isInteger(rounded)) return `${rounded}th`;
  const suffix =
    rounded % 100 >= 11 && rounded % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[rounded % 10] ?? 'th');
  return `${rounded}${suffix}`;
}
