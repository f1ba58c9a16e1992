import 'server-only';

/**
 * The number on each tab of a staff queue, counted side by side: `countOf` answers for one tab
 * (or one kind), and the answers come back keyed by it.
 */
export async function countEach<K extends string>(
  keys: readonly K[],
  countOf: (key: K) => Promise<number>,
): Promise<Record<K, number>> {
  const counts = await Promise.all(keys.map(async (key) => [key, await countOf(key)] as const));
  return Object.fromEntries(counts) as Record<K, number>;
}
