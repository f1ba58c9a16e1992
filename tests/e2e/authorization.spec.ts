import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';

import { e2eDatabase } from './db';
import {
  demoAdmin,
  demoBilling,
  demoClinical,
  demoFrontDesk,
  demoParent,
  signIn,
  signInStaff,
  signUpParent,
} from './helpers';

/**
 * Who may open which page: one table, every page route × every kind of visitor. A page added
 * to app/ without a row here fails the first test.
 */
type Persona =
  'anonymous' | 'parentA' | 'parentB' | 'front_desk' | 'clinical' | 'billing' | 'admin';
type Outcome = 200 | 404 | 'login' | 'staff-login';
const personas: Persona[] = [
  'anonymous',
  'parentA',
  'parentB',
  'front_desk',
  'clinical',
  'billing',
  'admin',
];

const staffLogins = {
  front_desk: demoFrontDesk,
  clinical: demoClinical,
  billing: demoBilling,
  admin: demoAdmin,
};

const MISSING = '00000000-0000-4000-8000-000000000000';

// parentA is linked to the demo child; parentB is a parent with no link to it.
function expectations(
  child: string,
): { route: string; path: string; outcome: Record<Persona, Outcome> }[] {
  const parentOnly = (anonymous: Outcome, b: Outcome = 200) => ({
    anonymous,
    parentA: 200 as Outcome,
    parentB: b,
    front_desk: 404 as Outcome,
    clinical: 404 as Outcome,
    billing: 404 as Outcome,
    admin: 404 as Outcome,
  });
  const staff = (allowed: Persona[]) =>
    Object.fromEntries(
      personas.map((p) => [p, p === 'anonymous' ? 'staff-login' : allowed.includes(p) ? 200 : 404]),
    ) as Record<Persona, Outcome>;
  const everyone = Object.fromEntries(personas.map((p) => [p, 200])) as Record<Persona, Outcome>;
  const nobody = Object.fromEntries(personas.map((p) => [p, 404])) as Record<Persona, Outcome>;
  const records = ['front_desk', 'admin', 'clinical'] as Persona[];
  return [
    {
      route: '/',
      path: '/',
      outcome: {
        ...everyone,
        parentA: 'login',
        parentB: 'login',
        front_desk: 'login',
        clinical: 'login',
        billing: 'login',
        admin: 'login',
      },
    },
    {
      route: '/login',
      path: '/login',
      outcome: {
        ...everyone,
        parentA: 'login',
        parentB: 'login',
        front_desk: 'login',
        clinical: 'login',
        billing: 'login',
        admin: 'login',
      },
    },
    { route: '/signup', path: '/signup', outcome: everyone },
    { route: '/forgot-password', path: '/forgot-password', outcome: everyone },
    { route: '/help-desk', path: '/help-desk', outcome: everyone },
    { route: '/forgot-user-id', path: '/forgot-user-id', outcome: everyone },
    { route: '/verify-email', path: '/verify-email', outcome: everyone },
    {
      route: '/reset-password',
      path: '/reset-password?token=not-a-real-token-at-all',
      outcome: everyone,
    },
    { route: '/help/registration', path: '/help/registration', outcome: everyone },
    { route: '/help/requests', path: '/help/requests', outcome: everyone },
    { route: '/faq', path: '/faq', outcome: everyone },
    { route: '/contact', path: '/contact', outcome: everyone },
    { route: '/dev/mail', path: '/dev/mail', outcome: nobody },
    { route: '/bench/reference', path: '/bench/reference', outcome: nobody },
    { route: '/dashboard', path: '/dashboard', outcome: parentOnly('login') },
    { route: '/children/link', path: '/children/link', outcome: parentOnly('login') },
    { route: '/welcome', path: '/welcome', outcome: parentOnly('login') },
    // Parent A has two children (a chooser) and parent B none (a pointer to "Link a child").
    { route: '/children/activity', path: '/children/activity', outcome: parentOnly('login') },
    {
      // A link that is not one: the page says so, to anyone, signed in or not.
      route: '/staff/setup',
      path: '/staff/setup?token=not-a-real-token-at-all',
      outcome: everyone,
    },
    { route: '/children/[childId]', path: `/children/${child}`, outcome: parentOnly('login', 404) },
    {
      route: '/children/[childId]/immunizations/print',
      path: `/children/${child}/immunizations/print`,
      outcome: parentOnly('login', 404),
    },
    {
      route: '/children/[childId]/immunizations/pdf (download)',
      path: `/children/${child}/immunizations/pdf`,
      outcome: parentOnly('login', 404),
    },
    {
      route: '/children/[childId]/immunizations/print (missing)',
      path: `/children/${MISSING}/immunizations/print`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    {
      route: '/children/[childId]/immunizations/share',
      path: `/children/${child}/immunizations/share`,
      outcome: parentOnly('login', 404),
    },
    // A share link opens for anyone who holds it (tests/e2e/records.spec.ts); an unknown one for nobody.
    { route: '/share/[token] (unknown)', path: '/share/not-a-real-share-link', outcome: nobody },
    {
      route: '/children/[childId]/fhir (download)',
      path: `/children/${child}/fhir`,
      outcome: parentOnly('login', 404),
    },
    {
      route: '/children/[childId]/growth',
      path: `/children/${child}/growth`,
      outcome: parentOnly('login', 404),
    },
    {
      route: '/staff/patients/[childId]/growth',
      path: `/staff/patients/${child}/growth`,
      outcome: staff(['clinical', 'admin']),
    },
    {
      route: '/children/[childId]/activity',
      path: `/children/${child}/activity`,
      outcome: parentOnly('login', 404),
    },
    { route: '/staff/audit', path: '/staff/audit', outcome: staff(['admin']) },
    { route: '/staff/audit (export)', path: '/staff/audit/export', outcome: staff(['admin']) },
    {
      route: '/staff/audit/[eventId] (missing)',
      path: '/staff/audit/999999999999',
      outcome: staff([]),
    },
    {
      route: '/staff/audit/[eventId] (malformed)',
      path: '/staff/audit/not-an-event',
      outcome: staff([]),
    },
    {
      route: '/children/[childId] (missing)',
      path: `/children/${MISSING}`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    {
      route: '/children/[childId] (malformed)',
      path: '/children/not-a-child',
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    { route: '/services/message', path: '/services/message', outcome: parentOnly('login') },
    {
      route: '/services/message/sent',
      path: `/services/message/sent?conversation=${MISSING}`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    { route: '/services/requests', path: '/services/requests', outcome: parentOnly('login') },
    {
      route: '/services/requests/new/[kind]',
      path: `/services/requests/new/records?child=${child}`,
      outcome: parentOnly('login', 404),
    },
    {
      route: '/services/requests/[requestId] (missing)',
      path: `/services/requests/${MISSING}`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    {
      route: '/services/requests/[requestId]/files/[fileId] (missing)',
      path: `/services/requests/${MISSING}/files/${MISSING}`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    { route: '/inbox', path: '/inbox', outcome: parentOnly('login') },
    {
      route: '/inbox/[conversationId] (missing)',
      path: `/inbox/${MISSING}`,
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    {
      route: '/inbox/[conversationId] (malformed)',
      path: '/inbox/not-a-conversation',
      outcome: { ...parentOnly('login', 404), parentA: 404 },
    },
    { route: '/account', path: '/account', outcome: parentOnly('login') },
    { route: '/account/two-step', path: '/account/two-step', outcome: parentOnly('login') },
    // The code pages show only to a sign-in waiting for its code: everyone else is sent on.
    {
      route: '/login/verify',
      path: '/login/verify',
      outcome: Object.fromEntries(personas.map((p) => [p, 'login'])) as Record<Persona, Outcome>,
    },
    {
      route: '/staff/login/verify',
      path: '/staff/login/verify',
      outcome: {
        ...Object.fromEntries(personas.map((p) => [p, 'login'])),
        anonymous: 'staff-login',
      } as Record<Persona, Outcome>,
    },
    {
      route: '/staff/two-step',
      path: '/staff/two-step',
      outcome: staff(['front_desk', 'clinical', 'billing', 'admin']),
    },
    {
      route: '/staff/messages',
      path: '/staff/messages',
      outcome: staff(['front_desk', 'clinical', 'billing', 'admin']),
    },
    {
      route: '/staff/messages/[conversationId] (missing)',
      path: `/staff/messages/${MISSING}`,
      outcome: staff([]),
    },
    {
      route: '/staff/messages/[conversationId] (malformed)',
      path: '/staff/messages/not-a-conversation',
      outcome: staff([]),
    },
    {
      route: '/staff/requests',
      path: '/staff/requests',
      outcome: staff(['front_desk', 'clinical', 'admin']),
    },
    {
      route: '/staff/requests/[requestId] (missing)',
      path: `/staff/requests/${MISSING}`,
      outcome: staff([]),
    },
    {
      route: '/staff/requests/[requestId]/files/[fileId] (missing)',
      path: `/staff/requests/${MISSING}/files/${MISSING}`,
      outcome: staff([]),
    },
    {
      route: '/staff/messages/new',
      path: `/staff/messages/new?child=${child}`,
      outcome: staff(['front_desk', 'clinical', 'billing', 'admin']),
    },
    { route: '/staff/messages/new (no child)', path: '/staff/messages/new', outcome: staff([]) },
    {
      route: '/staff/accounts',
      path: '/staff/accounts',
      outcome: staff(['front_desk', 'admin']),
    },
    {
      route: '/staff/accounts/[accountId] (missing)',
      path: `/staff/accounts/${MISSING}`,
      outcome: staff([]),
    },
    {
      route: '/staff/accounts/[accountId] (malformed)',
      path: '/staff/accounts/not-an-account',
      outcome: staff([]),
    },
    {
      route: '/choose-password',
      path: '/choose-password',
      outcome: { ...parentOnly('login'), parentA: 'login', parentB: 'login' },
    },
    {
      route: '/staff/login',
      path: '/staff/login',
      outcome: {
        ...everyone,
        front_desk: 'login',
        clinical: 'login',
        billing: 'login',
        admin: 'login',
      },
    },
    {
      route: '/staff',
      path: '/staff',
      outcome: staff(['front_desk', 'clinical', 'billing', 'admin']),
    },
    { route: '/staff/users', path: '/staff/users', outcome: staff(['admin']) },
    { route: '/staff/integrations', path: '/staff/integrations', outcome: staff(['admin']) },
    { route: '/staff/patients', path: '/staff/patients', outcome: staff(records) },
    {
      route: '/staff/patients/new',
      path: '/staff/patients/new',
      outcome: staff(['front_desk', 'admin']),
    },
    {
      route: '/staff/patients/[childId]',
      path: `/staff/patients/${child}`,
      outcome: staff(records),
    },
    {
      route: '/staff/patients/[childId] (missing)',
      path: `/staff/patients/${MISSING}`,
      outcome: staff([]),
    },
    {
      route: '/staff/patients/[childId] (malformed)',
      path: '/staff/patients/not-a-child',
      outcome: staff([]),
    },
    {
      route: '/staff/patients/[childId]/edit',
      path: `/staff/patients/${child}/edit`,
      outcome: staff(['front_desk', 'admin']),
    },
  ];
}

function pageRoutes(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory()) return name === 'page.tsx' ? [prefix || '/'] : [];
    const segment = name.startsWith('(') ? '' : `/${name}`;
    return pageRoutes(full, prefix + segment);
  });
}

test('every page route has a row in the authorization table', () => {
  const listed = new Set(expectations('x').map((row) => row.route.replace(/ \(.*\)$/, '')));
  const missing = pageRoutes(path.resolve('app')).filter((route) => !listed.has(route));
  expect(missing).toEqual([]);
});

async function contextFor(
  browser: Browser,
  persona: Persona,
  parentB: { userId: string; password: string },
): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (persona === 'anonymous') return context.request;
  const page = await context.newPage();
  if (persona === 'parentA') await signIn(page, '/login', demoParent.userId, demoParent.password);
  else if (persona === 'parentB') await signIn(page, '/login', parentB.userId, parentB.password);
  else await signInStaff(page, staffLogins[persona]);
  if (persona.startsWith('parent')) await expect(page).toHaveURL(/\/dashboard$/);
  return context.request;
}

test('each visitor gets exactly what the table says, page by page', async ({ browser }) => {
  test.setTimeout(120_000);
  const sql = e2eDatabase();
  const [child] = await sql`select id from children where mrn = 'DEMO-0001'`;
  await sql.end();
  const setup = await browser.newPage();
  const parentB = await signUpParent(setup);
  const table = expectations(String(child?.id));
  const mismatches: string[] = [];
  let cells = 0;
  for (const persona of personas) {
    const request = await contextFor(browser, persona, parentB);
    for (const row of table) {
      const response = await request.get(row.path, { maxRedirects: 0 });
      const location = response.headers()['location'] ?? '';
      const actual: Outcome | string | number =
        response.status() === 307 || response.status() === 303
          ? /\/staff\/login/.test(location)
            ? 'staff-login'
            : /\/login|\/dashboard|\/staff$/.test(location)
              ? 'login'
              : `redirect ${location}`
          : response.status();
      cells += 1;
      // "login" also covers a signed-in visitor sent on from a sign-in page to their home.
      if (actual !== row.outcome[persona])
        mismatches.push(`${persona} ${row.path}: expected ${row.outcome[persona]}, got ${actual}`);
    }
  }
  console.log(`authorization table: ${cells} cells checked`);
  expect(mismatches).toEqual([]);
});
