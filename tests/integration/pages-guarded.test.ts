import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { isPortalPage, portalPage } from '@/lib/page';

import { redirectOf } from '../setup/next-mocks';

const root = path.resolve(import.meta.dirname, '../..');

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pageFiles(full);
    return name === 'page.tsx' || name === 'layout.tsx' ? [full] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.tsx') ? [full] : [];
  });
}

describe('pages that read the database answer 503, not 500, when it goes away mid-page', () => {
  // Layouts too: a layout renders beside its page, and its own reads (the Inbox count in the
  // header) can be the first to meet a database that has just run out of connections.
  const files = pageFiles(path.join(root, 'app')).map((file) => path.relative(root, file));

  it.each(files.map((file) => [file]))(
    '%s is wrapped in portalPage (or reads nothing: not async)',
    async (file) => {
      const page = ((await import(path.join(root, file))) as { default: unknown }).default as (
        ...args: unknown[]
      ) => unknown;
      expect(typeof page).toBe('function');
      if (page.constructor.name === 'AsyncFunction')
        expect(isPortalPage(page), `${file}: export default portalPage(async function …)`).toBe(
          true,
        );
    },
  );

  const readers = sourceFiles(path.join(root, 'app'))
    .concat(sourceFiles(path.join(root, 'components')))
    .filter((file) => !/(page|layout)\.tsx$/.test(file))
    .filter((file) => /\bgetDb\b/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));

  it.each(readers.map((file) => [file]))(
    '%s: each async component it exports is wrapped in portalPage',
    async (file) => {
      const exported = Object.entries(
        (await import(path.join(root, file))) as Record<string, unknown>,
      ).filter(
        (entry): entry is [string, (...args: unknown[]) => unknown] =>
          /^[A-Z]/.test(entry[0]) &&
          typeof entry[1] === 'function' &&
          entry[1].constructor.name === 'AsyncFunction',
      );
      expect(exported.length, `${file} exports no async component`).toBeGreaterThan(0);
      for (const [name, component] of exported)
        expect(isPortalPage(component), `${file}: ${name} = portalPage(async function …)`).toBe(
          true,
        );
    },
  );

  it('sends a database failure to the 503 page and lets everything else through', async () => {
    const lost = Object.assign(new Error('Failed query: select 1'), {
      cause: Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    });
    expect(await redirectOf(portalPage(async () => Promise.reject(lost))())).toBe('/unavailable');
    await expect(portalPage(async () => Promise.reject(new Error('a bug')))()).rejects.toThrow(
      'a bug',
    );
    expect(await portalPage(async (name: string) => `hello ${name}`)('Ada')).toBe('hello Ada');
  });
});
