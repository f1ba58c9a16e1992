import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import {
  appendHeadLine,
  findConflictingHead,
  formatHeadLine,
  parseHeadFile,
  readHeadFile,
} from '@/lib/audit/head-file';

const hashA = 'a'.repeat(64);
const hashB = '0123456789abcdef'.repeat(4);
const dir = mkdtempSync(path.join(tmpdir(), 'portal-heads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit head file', () => {
  it('reads one head per line and skips blank lines and comments', () => {
    const { heads, warnings } = parseHeadFile(
      `# nightly heads\n2026-11-24T03:00:00.000Z 41 ${hashA}\n\n2026-11-25T03:00:00Z 57 ${hashB}\r\n`,
    );
    expect(warnings).toEqual([]);
    expect(heads).toEqual([
      { recordedAt: new Date('2026-11-24T03:00:00.000Z'), seq: 41, hash: hashA },
      { recordedAt: new Date('2026-11-25T03:00:00.000Z'), seq: 57, hash: hashB },
    ]);
  });

  it.each([
    ['a missing hash', '2026-11-25T03:00:00.000Z 57'],
    ['an extra field', `2026-11-25T03:00:00.000Z 57 ${hashA} again`],
    ['a date that is not an ISO instant', `25/11/2026 57 ${hashA}`],
    ['an impossible date', `2026-13-45T03:00:00.000Z 57 ${hashA}`],
    ['position 0', `2026-11-25T03:00:00.000Z 0 ${hashA}`],
    ['a negative position', `2026-11-25T03:00:00.000Z -3 ${hashA}`],
    ['a position past 2^53', `2026-11-25T03:00:00.000Z 90071992547409930 ${hashA}`],
    ['a short hash', '2026-11-25T03:00:00.000Z 57 abc123'],
    [
      'an upper-case hash (the database writes lower case)',
      `2026-11-25T03:00:00.000Z 57 ${hashA.toUpperCase()}`,
    ],
  ])('ignores a line with %s, warning with its line number, and keeps the others', (_, bad) => {
    const { heads, warnings } = parseHeadFile(`2026-11-24T03:00:00.000Z 41 ${hashA}\n${bad}\n`);
    expect(heads.map((head) => head.seq)).toEqual([41]);
    expect(warnings).toEqual([expect.stringMatching(/^line 2 .*ignored$/)]);
  });

  it('finds a position recorded with two different hashes, which no chain can match', () => {
    const same = parseHeadFile(
      `2026-11-24T03:00:00.000Z 41 ${hashA}\n2026-11-25T03:00:00.000Z 41 ${hashA}\n`,
    ).heads;
    expect(findConflictingHead(same)).toBeNull();
    const forked = parseHeadFile(
      `2026-11-24T03:00:00.000Z 41 ${hashA}\n2026-11-25T03:00:00.000Z 57 ${hashB}\n2026-11-26T03:00:00.000Z 41 ${hashB}\n`,
    ).heads;
    expect(findConflictingHead(forked)).toEqual({ seq: 41, hashes: [hashA, hashB] });
  });

  it('writes the line it reads back', () => {
    const line = formatHeadLine({ seq: 57, hash: hashB }, new Date('2026-11-25T03:00:00Z'));
    expect(line).toBe(`2026-11-25T03:00:00.000Z 57 ${hashB}\n`);
    expect(parseHeadFile(line).heads).toEqual([
      { recordedAt: new Date('2026-11-25T03:00:00Z'), seq: 57, hash: hashB },
    ]);
  });

  it('treats a missing file as no heads yet, then appends to it line by line', async () => {
    const file = path.join(dir, 'fresh.txt');
    expect(await readHeadFile(file)).toEqual({ heads: [], warnings: [], exists: false });
    await appendHeadLine(file, { seq: 3, hash: hashA }, new Date('2026-11-24T03:00:00Z'));
    await appendHeadLine(file, { seq: 9, hash: hashB }, new Date('2026-11-25T03:00:00Z'));
    expect(readFileSync(file, 'utf8')).toBe(
      `2026-11-24T03:00:00.000Z 3 ${hashA}\n2026-11-25T03:00:00.000Z 9 ${hashB}\n`,
    );
    expect(await readHeadFile(file)).toMatchObject({
      exists: true,
      warnings: [],
      heads: [{ seq: 3 }, { seq: 9 }],
    });
  });

  it('ends a hand-edited last line before appending, so two records never run together', async () => {
    const file = path.join(dir, 'edited.txt');
    writeFileSync(file, `# kept by the night job\n2026-11-24T03:00:00.000Z 3 ${hashA}`);
    await appendHeadLine(file, { seq: 9, hash: hashB }, new Date('2026-11-25T03:00:00Z'));
    expect(await readHeadFile(file)).toMatchObject({
      warnings: [],
      heads: [{ seq: 3 }, { seq: 9 }],
    });
  });
});
