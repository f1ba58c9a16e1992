import 'server-only';

import { appendFile, open, readFile } from 'node:fs/promises';

/**
 * The head file: chain heads written down outside the database (`npm run audit:verify --
 * --record`), one line each, `2026-11-25T03:00:00.000Z <seq> <hash>`. Someone able to rewrite
 * the audit table can recompute every hash after an edit, so a chain that checks out on its own
 * proves little; a head recorded earlier somewhere they cannot reach must still be in it.
 */

export interface RecordedHead {
  recordedAt: Date;
  seq: number;
  hash: string;
}

export interface ParsedHeadFile {
  heads: RecordedHead[];
  /** One sentence per line that was skipped, naming its line number. */
  warnings: string[];
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * Reads every well-formed line. A malformed line is skipped with a warning rather than failing
 * the check: one bad line (a hand edit, a torn write) must not hide the heads around it.
 * Blank lines and `#` comments are skipped silently.
 */
export function parseHeadFile(text: string): ParsedHeadFile {
  const heads: RecordedHead[] = [];
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const [at, seqText, hash] = fields;
    const recordedAt = at && isoInstant.test(at) ? new Date(at) : undefined;
    const seq = seqText && /^\d+$/.test(seqText) ? Number(seqText) : NaN;
    if (
      fields.length !== 3 ||
      !recordedAt ||
      Number.isNaN(recordedAt.getTime()) ||
      !Number.isSafeInteger(seq) ||
      seq < 1 ||
      !hash ||
      !sha256Hex.test(hash)
    ) {
      warnings.push(
        `line ${index + 1} is not "<ISO time> <position> <64 hex digits>" and was ignored`,
      );
      return;
    }
    heads.push({ recordedAt, seq, hash });
  });
  return { heads, warnings };
}

/**
 * The first position recorded with two different hashes, if any. The chain can match at most
 * one of them, so this alone means it was rewritten between the two records (or the file was
 * tampered with); the verifier keeps one hash per position and would miss it.
 */
export function findConflictingHead(
  heads: RecordedHead[],
): { seq: number; hashes: string[] } | null {
  const bySeq = new Map<number, string>();
  for (const head of heads) {
    const earlier = bySeq.get(head.seq);
    if (earlier !== undefined && earlier !== head.hash)
      return { seq: head.seq, hashes: [earlier, head.hash] };
    bySeq.set(head.seq, head.hash);
  }
  return null;
}

export function formatHeadLine(head: { seq: number; hash: string }, recordedAt: Date): string {
  return `${recordedAt.toISOString()} ${head.seq} ${head.hash}\n`;
}

/** The recorded heads, or none when the file does not exist yet (before the first --record). */
export async function readHeadFile(path: string): Promise<ParsedHeadFile & { exists: boolean }> {
  try {
    return { ...parseHeadFile(await readFile(path, 'utf8')), exists: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { heads: [], warnings: [], exists: false };
    throw error;
  }
}

/**
 * Appends one line. Only ever opened for appending, so the file may live on a filesystem or
 * under an attribute (`chattr +a`) that refuses every other kind of write. A last line left
 * without its newline (a hand edit) is ended first, so the two records do not run together.
 */
export async function appendHeadLine(
  path: string,
  head: { seq: number; hash: string },
  recordedAt: Date,
): Promise<string> {
  const line = formatHeadLine(head, recordedAt);
  await appendFile(path, (await endsWithoutNewline(path)) ? `\n${line}` : line, {
    encoding: 'utf8',
    flag: 'a',
  });
  return line;
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await file.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await file.close();
  }
}
