import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createElement, isValidElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { PracticeDetailsProvider } from '@/components/practice-details';
import { practiceDetails } from '@/lib/practice';

import { actAs, createParent, createStaffMember, openSession } from '../factories';
import { testDb } from '../setup/database';
import { inLanguage } from '../setup/intl';

/**
 * Issue 18 item 2, for every "not found" and error page on disk (tests/e2e/frames.spec.ts visits
 * the ones a route reaches): a page inside a section's layout brings no main, header or footer of
 * its own (the layout has them), and one drawn in the root layout alone brings exactly one each.
 */
const appDir = path.resolve(import.meta.dirname, '../../app');

function boundaryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return boundaryFiles(full);
    return name === 'not-found.tsx' || name === 'error.tsx' ? [full] : [];
  });
}

/** A layout between app/ and the file draws the frame; the root layout draws none. */
function insideSectionLayout(file: string): boolean {
  for (let dir = path.dirname(file); dir !== appDir; dir = path.dirname(dir)) {
    if (readdirSync(dir).includes('layout.tsx')) return true;
  }
  return false;
}

/** Calls async server components (as Next.js would) until only renderable elements remain. */
async function resolveServerParts(node: ReactNode): Promise<ReactNode> {
  if (!isValidElement(node)) return node;
  const { type, props } = node as { type: unknown; props: Record<string, unknown> };
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction')
    return resolveServerParts(await (type as (p: unknown) => Promise<ReactNode>)(props));
  return node;
}

async function render(file: string): Promise<string> {
  const Page = ((await import(file)) as { default: (props: object) => ReactNode }).default;
  const props = {
    error: Object.assign(new Error('staged'), { digest: 'abc123' }),
    reset: () => {},
  };
  const element = await resolveServerParts(createElement(Page, props));
  return renderToStaticMarkup(
    inLanguage(
      // eslint-disable-next-line react/no-children-prop -- createElement's types want children among the props
      createElement(PracticeDetailsProvider, { value: practiceDetails(), children: element }),
    ),
  );
}

const count = (html: string, tag: string) =>
  html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;

const files = boundaryFiles(appDir);

describe('every not-found and error page has one frame', () => {
  it('finds the pages', () => {
    expect(files.map((file) => path.relative(appDir, file)).sort()).toEqual(
      expect.arrayContaining([
        'not-found.tsx',
        'error.tsx',
        '(portal)/not-found.tsx',
        '(portal)/error.tsx',
        '(public)/not-found.tsx',
        '(public)/error.tsx',
        'staff/(office)/not-found.tsx',
        'staff/(office)/error.tsx',
      ]),
    );
  });

  it.each(files.map((file) => [path.relative(appDir, file), file]))('%s', async (_name, file) => {
    actAs(null);
    const html = await render(file);
    const expected = insideSectionLayout(file) ? 0 : 1;
    expect({
      main: count(html, 'main'),
      header: count(html, 'header'),
      footer: count(html, 'footer'),
    }).toEqual({
      main: expected,
      header: expected,
      footer: expected,
    });
  });
});

describe('the not-found pages lead home', () => {
  const homeLink = (html: string) =>
    html.match(/<a [^>]*href="([^"]*)"[^>]*>Go to (?:your|the portal’s) home page/)?.[1];

  it('at the root and in the public section: / for a visitor, /dashboard for a parent, /staff for staff', async () => {
    const db = testDb();
    const parent = await openSession(db, await createParent(db));
    const staff = await openSession(db, await createStaffMember(db, ['front_desk']));
    for (const file of ['not-found.tsx', '(public)/not-found.tsx']) {
      const seen: Record<string, string | undefined> = {};
      for (const [who, session] of [
        ['visitor', null],
        ['parent', parent],
        ['staff', staff],
      ] as const) {
        actAs(session);
        seen[who] = homeLink(await render(path.join(appDir, file)));
      }
      expect(seen, file).toEqual({ visitor: '/', parent: '/dashboard', staff: '/staff' });
    }
  });

  it('in the portal and the office', async () => {
    expect(homeLink(await render(path.join(appDir, '(portal)/not-found.tsx')))).toBe('/dashboard');
    expect(homeLink(await render(path.join(appDir, 'staff/(office)/not-found.tsx')))).toBe(
      '/staff',
    );
  });
});
