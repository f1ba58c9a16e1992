import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { isBuiltWithDefineAction } from '@/lib/action';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = ['app', 'components', 'lib'].flatMap((dir) => sourceFiles(path.join(root, dir)));
const directive = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"];?/;

describe('every server action is built with defineAction', () => {
  const serverFiles = files.filter((file) => directive.test(readFileSync(file, 'utf8')));

  it('finds the server action files', () => {
    expect(serverFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(serverFiles.map((file) => [path.relative(root, file)]))(
    '%s exports only wrapped actions',
    async (relative) => {
      const exported = (await import(path.join(root, relative))) as Record<string, unknown>;
      const exports = Object.entries(exported);
      expect(exports.length).toBeGreaterThan(0);
      const unwrapped = exports
        .filter(([, value]) => !isBuiltWithDefineAction(value))
        .map(([name]) => name);
      expect(unwrapped, 'exports not built with defineAction/defineSelfAuditedAction').toEqual([]);
    },
  );

  it('has no inline "use server" functions, which would bypass the wrapper', () => {
    const inline = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      const matches = text.match(/['"]use server['"]/g) ?? [];
      return matches.length > (directive.test(text) ? 1 : 0);
    });
    expect(inline.map((file) => path.relative(root, file))).toEqual([]);
  });
});
