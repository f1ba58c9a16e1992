import './load-env';

import { parseArgs } from 'node:util';

import { connectConfiguredDatabase } from '@/db';
import {
  appendHeadLine,
  findConflictingHead,
  readHeadFile,
  type RecordedHead,
} from '@/lib/audit/head-file';
import { verifyAuditChain } from '@/lib/audit/verify';
import { env } from '@/lib/env';

const usage =
  'Usage: npm run audit:verify [-- --record]\nChecks the audit hash chain against the heads in AUDIT_HEAD_FILE; --record appends the current head to it.';

/**
 * Checks the audit trail's hash chain from the first event to the head. Exit 0: sound; 2: the
 * chain is broken (say so to whoever answers for the audit trail); 1: the check could not run.
 * Meant for cron: `npm run audit:verify -- --record` daily, with AUDIT_HEAD_FILE out of reach
 * of the database's owner. It never writes to the database.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      record: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const headFile = env().AUDIT_HEAD_FILE;
  // Refuse before the long walk, not after it.
  if (values.record && !headFile) {
    console.error(
      '--record needs AUDIT_HEAD_FILE: the file, outside the database, where the head is written down.',
    );
    process.exit(1);
  }

  let recordedHeads: RecordedHead[] = [];
  if (headFile) {
    const parsed = await readHeadFile(headFile);
    for (const warning of parsed.warnings) console.warn(`Warning: ${headFile}: ${warning}.`);
    if (!parsed.exists && !values.record)
      console.warn(`Warning: ${headFile} does not exist yet; nothing recorded to compare with.`);
    const conflict = findConflictingHead(parsed.heads);
    if (conflict) {
      console.log(
        `Audit trail BROKEN at event ${conflict.seq}: ${headFile} records two different hashes for it (the chain was rewritten between the two records, or the file was altered)`,
      );
      process.exit(2);
    }
    recordedHeads = parsed.heads;
  }

  const connection = await connectConfiguredDatabase();
  let verdict;
  try {
    // One snapshot for the whole walk: on a live system events keep arriving, and a head read
    // after the last page would otherwise be ahead of it and look like a cut-off chain.
    verdict = await connection.db.transaction((tx) => verifyAuditChain(tx, { recordedHeads }), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  } finally {
    await connection.close();
  }

  if (!verdict.ok) {
    const where =
      verdict.chainSeq !== null
        ? ` at event ${verdict.chainSeq}${verdict.eventId !== null ? ` (id ${verdict.eventId})` : ''}`
        : verdict.eventId !== null
          ? ` at event id ${verdict.eventId}`
          : '';
    console.log(`Audit trail BROKEN${where}: ${verdict.problem}`);
    process.exit(2);
  }
  console.log(
    `Audit trail OK: ${verdict.count} events, head ${verdict.headSeq} ${verdict.headHash}`,
  );
  if (recordedHeads.length > 0)
    console.log(
      `Matches the ${recordedHeads.length} head${recordedHeads.length === 1 ? '' : 's'} recorded in ${headFile}.`,
    );

  if (values.record && headFile) {
    if (verdict.count === 0) {
      console.log('Nothing recorded: the audit trail has no events yet.');
      return;
    }
    const line = await appendHeadLine(
      headFile,
      { seq: verdict.headSeq, hash: verdict.headHash },
      new Date(),
    );
    console.log(`Recorded in ${headFile}: ${line.trim()}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
