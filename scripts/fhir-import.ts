import './load-env';

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import { connectConfiguredDatabase, migrateDatabase } from '@/db';
import { env } from '@/lib/env';
import { importFiles } from '@/lib/fhir/files';
import { summarizeReport } from '@/lib/fhir/summary';

const usage =
  'Usage: npm run fhir:import -- [--json] [--source NAME] <bundle.json or folder>…\nImports FHIR R4 Bundles into DATABASE_URL, or the embedded database when it is empty.';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, source: { type: 'string' } },
  });
  if (positionals.length === 0) {
    console.error(usage);
    process.exit(2);
  }
  const connection = await connectConfiguredDatabase();
  try {
    await migrateDatabase(connection);
    const report = await importFiles(
      connection.db,
      { id: null, kind: 'system', role: 'fhir-import' },
      { ipAddress: null, userAgent: 'scripts/fhir-import.ts', requestId: `cli-${randomUUID()}` },
      positionals,
      {
        source: values.source ?? 'ehr',
        mrnSystem: env().FHIR_MRN_SYSTEM,
        sensitiveTag: env().FHIR_SENSITIVE_TAG,
      },
    );
    for (const line of summarizeReport(report)) console.log(line);
    if (values.json) console.log(JSON.stringify(report));
    process.exitCode = report.patients.failed > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
