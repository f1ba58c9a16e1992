import type { Sql } from 'postgres';

export interface CapturedQuery {
  label: string;
  sql: string;
  params: unknown[];
}

export interface ExplainedQuery {
  label: string;
  sql: string;
  ms: number;
  sharedBlocks: number;
  /** Sequential scans of tables holding more than `bigTableRows` rows: the ones that grow with the practice. */
  seqScansOnBigTables: string[];
  plan: unknown;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each captured read. Writes are skipped: analysing one would
 * perform it. Each query runs once before it is explained, so the figures are of a warm cache,
 * as on a busy server.
 */
export async function explainQueries(
  sql: Sql,
  queries: CapturedQuery[],
  bigTableRows: number,
): Promise<ExplainedQuery[]> {
  const sizes = new Map(
    (
      await sql<
        { relname: string; rows: number }[]
      >`select relname, reltuples::bigint as rows from pg_class where relkind = 'r'`
    ).map((row) => [row.relname, Number(row.rows)]),
  );
  const explained: ExplainedQuery[] = [];
  for (const query of queries) {
    if (!/^\s*(select|with)\b/i.test(query.sql)) continue;
    const params = query.params as never[];
    await sql.unsafe(query.sql, params);
    const [row] = await sql.unsafe<
      { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[]
    >(`explain (analyze, buffers, format json) ${query.sql}`, params);
    const result = row!['QUERY PLAN'][0];
    const seqScans: string[] = [];
    walk(result.Plan, (node) => {
      if (
        node['Node Type'] === 'Seq Scan' &&
        node['Relation Name'] &&
        (sizes.get(node['Relation Name']) ?? 0) > bigTableRows
      )
        seqScans.push(node['Relation Name']);
    });
    explained.push({
      label: query.label,
      sql: query.sql,
      ms: result['Execution Time'],
      sharedBlocks:
        (result.Plan['Shared Hit Blocks'] ?? 0) + (result.Plan['Shared Read Blocks'] ?? 0),
      seqScansOnBigTables: seqScans,
      plan: result.Plan,
    });
  }
  return explained;
}
