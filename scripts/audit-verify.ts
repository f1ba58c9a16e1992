import './load-env';

import { parseArgs } from 'node:util';

import { connectConfiguredDatabase } from '@/db';
import {
  appendHeadLine,
  findConflictingHead,
  readHeadFile,
  type RecordedHead,
} from '@/lib/audit/head-file';
import { sealCommittedEvents } from '@/lib/audit/seal';
import { checkUnsealedEvents, verifyAuditChain } from '@/lib/audit/verify';
import { env } from '@/lib/env';

const usage =
  'Usage: npm run audit:verify [-- --seal] [-- --record]\nChecks the audit hash chain against the heads in AUDIT_HEAD_FILE; --seal first seals the events waiting for it (the running portal does so every quarter second); --record appends the current head to AUDIT_HEAD_FILE.';

/** An unsealed event older than this means no sealer has run: the portal is stopped or failing. */
const STALE_UNSEALED_MS = 10 * 60_000;

/**
 * Checks the audit trail's hash chain from the first event to the head. Exit 0: sound; 2: the
 * chain is broken (say so to whoever answers for the audit trail); 1: the check could not run.
 * Meant for cron: `npm run audit:verify -- --record` daily, with AUDIT_HEAD_FILE out of reach
 * of the database's owner. It writes to the database only with --seal, and then only what the
 * portal's own sealer would write (decision 15): the events waiting to be sealed are checked
 * for changes first, as they stand, and then sealed.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      record: { type: 'boolean', default: false },
      seal: { type: 'boolean', default: false },
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
  let verdict: Awaited<ReturnType<typeof verifyAuditChain>>;
  let sealed = 0;
  try {
    // Checked before sealing: once sealed, a change made while it waited would be sealed in.
    const tail = values.seal ? await checkUnsealedEvents(connection.db) : null;
    if (tail && !tail.ok) verdict = { ...tail, count: 0, chainSeq: null };
    else {
      if (values.seal) ({ sealed } = await sealCommittedEvents(connection.db));
      // One snapshot for the whole walk: on a live system events keep arriving, and a head read
      // after the last page would otherwise be ahead of it and look like a cut-off chain.
      verdict = await connection.db.transaction((tx) => verifyAuditChain(tx, { recordedHeads }), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      });
    }
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
  if (values.seal) console.log(`Sealed ${sealed} event${sealed === 1 ? '' : 's'} before checking.`);
  const { unsealed } = verdict;
  if (unsealed.count > 0 && unsealed.oldestAt) {
    console.log(
      `${unsealed.count} newer event${unsealed.count === 1 ? ' waits' : 's wait'} to be sealed (the oldest from ${unsealed.oldestAt.toISOString()}); unchanged since written.`,
    );
    if (Date.now() - unsealed.oldestAt.getTime() > STALE_UNSEALED_MS)
      console.warn(
        'Warning: events have waited more than 10 minutes to be sealed: is the portal running? `npm run audit:verify -- --seal` seals them now.',
      );
  }
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
