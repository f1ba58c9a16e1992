import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair } from 'jose';
import { isValidElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Database } from '@/db';
import {
  auditEvents,
  conversations,
  guardianships,
  integrationClients,
  mailOutbox,
  medications,
  messages,
  recordShares,
  requestFiles,
  serviceRequests,
  signInProblems,
  users,
} from '@/db/schema';
import type { ActionResult } from '@/lib/action-result';
import { recordChildView } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import type { ActiveSession } from '@/lib/auth/sessions';
import { hashToken, newSecretToken } from '@/lib/auth/tokens';
import { issuePinSchema } from '@/lib/children/schemas';
import { todayInPractice } from '@/lib/dates';
import { resetEnvForTesting } from '@/lib/env';
import { issuePin } from '@/lib/pins/issue';
import { recordEntrySchema } from '@/lib/records/schemas';
import { saveRecordEntry } from '@/lib/records/write';
import type { StaffRole } from '@/lib/staff/vocabulary';

import {
  actAs,
  createChild,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  FACTORY_PASSWORD,
  openSession,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { requestState, TestRedirect } from '../setup/next-mocks';

/**
 * The portal's authorization matrix: every page, route handler and server action × every kind
 * of visitor × own child, someone else's child, a missing id and a malformed one. The pages,
 * handlers and actions are read from app/, so one added without a row here fails the first test.
 *
 * Passwords are hashed at bcrypt cost 4 in this file only: who may do what is under test, not
 * hashing, and the ~70 sign-ins and password checks below would otherwise spend half a minute.
 */
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  const { default: bcrypt } = await import('bcryptjs');
  const cheapDummy = bcrypt.hashSync('nobody knows this password', 4);
  return {
    ...actual,
    hashPassword: (password: string) => bcrypt.hash(password, 4),
    hashHintAnswer: (answer: string) => bcrypt.hash(actual.normalizeHintAnswer(answer), 4),
    verifyAgainstDummy: async (password: string) => {
      await bcrypt.compare(password, cheapDummy);
      return false as const;
    },
  };
});

// The code page asks whether a sign-in is waiting for its code; for these visitors none ever is.
vi.mock('@/lib/auth/current', async () => {
  const { requestState } = await import('../setup/next-mocks');
  return {
    getCurrentSession: async () => requestState.session,
    getPendingSecondFactor: async () => null,
  };
});

const root = path.resolve(import.meta.dirname, '../..');
const appDir = path.join(root, 'app');

// ---------------------------------------------------------------------------------------------
// What the code has: pages, route handlers and server actions, found on disk.

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** "app/(portal)/children/[childId]/page.tsx" → "/children/[childId]": route groups leave no trace in the URL. */
function routeOf(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !segment.startsWith('('));
  return `/${segments.join('/')}`;
}

const appFiles = filesUnder(appDir);
const pageFiles = new Map(
  appFiles
    .filter((file) => path.basename(file) === 'page.tsx')
    .map((file) => [routeOf(file), file]),
);
const routeFiles = new Map(
  appFiles
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => [routeOf(file), file]),
);
// The same test as tests/integration/server-actions-wrapped.test.ts: a 'use server' directive before any code.
const useServer = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"];?/;
const actionFiles = appFiles.filter(
  (file) => /\.tsx?$/.test(file) && useServer.test(readFileSync(file, 'utf8')),
);
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

async function discoveredKeys(): Promise<{ pages: string[]; routes: string[]; actions: string[] }> {
  const routes: string[] = [];
  for (const [route, file] of routeFiles) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS)
      if (typeof exported[method] === 'function') routes.push(`${method} ${route}`);
  }
  const actions: string[] = [];
  for (const file of actionFiles) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const name of Object.keys(exported))
      actions.push(`${path.relative(appDir, file)}#${name}`);
  }
  return { pages: [...pageFiles.keys()], routes, actions };
}

// ---------------------------------------------------------------------------------------------
// Who visits, and what they point at.

const personas = [
  'anonymous',
  'parentA',
  'parentB',
  'revoked',
  'adult',
  'front_desk',
  'clinical',
  'billing',
  'admin',
] as const;
type Persona = (typeof personas)[number];
type Guardian = Extract<Persona, 'parentA' | 'parentB' | 'revoked' | 'adult'>;
type Staff = Extract<Persona, StaffRole>;
const guardianPersonas: readonly Persona[] = ['parentA', 'parentB', 'revoked', 'adult'];
const staffPersonas: readonly Persona[] = ['front_desk', 'clinical', 'billing', 'admin'];
const isGuardian = (p: Persona): p is Guardian => guardianPersonas.includes(p);
const isStaff = (p: Persona): p is Staff => staffPersonas.includes(p);

/**
 * own: what the visitor legitimately relates to (parent A → child A, parent B → child B, the
 * revoked guardian → child A, the guardian of a child now of age → that child, staff → a real
 * child); other: what someone else relates to; missing: a well-formed id of nothing; malformed:
 * not an id at all. `once` is the single cell of something that takes no id.
 */
const idTargets = ['own', 'other', 'missing', 'malformed'] as const;
type IdTarget = (typeof idTargets)[number];
type Target = IdTarget | 'once' | 'development' | 'production';
const once = ['once'] as const;

const MALFORMED = 'not-a-uuid';

/**
 * allowed: the page rendered / the handler answered / the action succeeded (ok, or sent the
 * browser on); declined: the action reached its domain function, which said no for a reason of
 * its own (wrong code, expired link); invalid: validation refused a malformed id before any
 * lookup; not-found: the 404 page, or the action refused with "We could not find that page."
 * (never a 403); sign-in / staff-sign-in: sent to /login or /staff/login, or the action said the
 * session has ended; home: a signed-in visitor sent on from a sign-in page to their own home;
 * own-child-activity: a guardian sent on to the audit trail of their own (only) child;
 * unauthorized: a 401 from an API route.
 */
type Outcome =
  | 'allowed'
  | 'declined'
  | 'invalid'
  | 'not-found'
  | 'sign-in'
  | 'staff-sign-in'
  | 'home'
  | 'own-child-activity'
  | 'unauthorized';
type Expect = (persona: Persona, target: Target) => Outcome;

// ---------------------------------------------------------------------------------------------
// The people and records every cell points at, made once.

interface ConversationSpec {
  childId: string;
  guardianUserId: string;
  category: 'clinical' | 'general' | 'billing';
}

interface World {
  db: Database;
  sessions: Record<Persona, ActiveSession | null>;
  ids: Record<Exclude<Persona, 'anonymous'>, string>;
  children: {
    a: { id: string; dateOfBirth: string };
    b: { id: string; dateOfBirth: string };
    adult: { id: string; dateOfBirth: string };
  };
  links: { a: string; b: string };
  conversations: Record<
    'a' | 'aGeneral' | 'b' | 'revoked' | 'adult',
    ConversationSpec & { id: string }
  >;
  tokens: { live: string; ended: string };
  events: { a: number; b: number };
  spareStaff: string;
  factoryPasswordHash: string;
}

let world: World;

function ownChild(p: Persona) {
  const { a, b, adult } = world.children;
  return p === 'parentB' ? b : p === 'adult' ? adult : a;
}

function otherChild(p: Persona) {
  const { a, b } = world.children;
  return p === 'parentA' || p === 'revoked' ? b : p === 'parentB' || p === 'adult' ? a : b;
}

async function pick(
  target: Target,
  own: () => Promise<string> | string,
  other: () => Promise<string> | string,
): Promise<string> {
  if (target === 'own' || target === 'once') return own();
  if (target === 'other') return other();
  if (target === 'missing') return randomUUID();
  return MALFORMED;
}

/** A fresh Help Desk report in the given state, so each cell changes its own. */
async function signInProblemId(status: 'new' | 'closed'): Promise<string> {
  const [row] = await world.db
    .insert(signInProblems)
    .values({ name: 'Matrix', contact: '555-010-0000', description: 'Cannot sign in.', status })
    .returning({ id: signInProblems.id });
  return row!.id;
}

const childId = (p: Persona, t: Target) =>
  pick(
    t,
    () => ownChild(p).id,
    () => otherChild(p).id,
  );

/** Staff see the queues of their roles: clinical, billing, general (front desk); admins all three. */
function conversationSpec(p: Persona, target: 'own' | 'other') {
  const c = world.conversations;
  const own: Record<Persona, ConversationSpec & { id: string }> = {
    anonymous: c.a,
    parentA: c.a,
    parentB: c.b,
    revoked: c.revoked,
    adult: c.adult,
    clinical: c.a,
    billing: c.b,
    front_desk: c.aGeneral,
    admin: c.a,
  };
  const other: Record<Persona, ConversationSpec & { id: string }> = {
    anonymous: c.b,
    parentA: c.b,
    parentB: c.a,
    revoked: c.a,
    adult: c.a,
    clinical: c.b,
    billing: c.a,
    front_desk: c.a,
    admin: c.b,
  };
  return (target === 'own' ? own : other)[p];
}

const conversationId = (p: Persona, t: Target) =>
  pick(
    t,
    () => conversationSpec(p, 'own').id,
    () => conversationSpec(p, 'other').id,
  );

async function insertConversation({
  childId,
  guardianUserId,
  category,
}: ConversationSpec): Promise<string> {
  const spec = { childId, guardianUserId, category };
  const [row] = await world.db
    .insert(conversations)
    .values({ ...spec, subject: 'About the matrix', startedBy: 'parent' })
    .returning({ id: conversations.id });
  await world.db.insert(messages).values({
    conversationId: row!.id,
    authorUserId: spec.guardianUserId,
    authorKind: 'parent',
    body: 'Hello',
  });
  return row!.id;
}

/** A fresh copy for actions that change the conversation (close, move to another queue). */
const freshConversationId = (p: Persona, t: Target) =>
  pick(
    t,
    () => insertConversation(conversationSpec(p, 'own')),
    () => insertConversation(conversationSpec(p, 'other')),
  );

async function insertShare(
  childId: string,
  createdBy: string,
): Promise<{ id: string; token: string }> {
  const token = newSecretToken();
  const [row] = await world.db
    .insert(recordShares)
    .values({
      childId,
      createdBy,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: recordShares.id });
  return { id: row!.id, token };
}

/** A link to the visitor's own child made by them (by parent A for anyone else), or to the other child by its parent. */
function shareId(p: Persona, t: Target) {
  const makerOf = (child: { id: string }) =>
    child.id === world.children.b.id ? world.ids.parentB : world.ids.parentA;
  const own = ownChild(p);
  const other = otherChild(p);
  return pick(
    t,
    async () => (await insertShare(own.id, isGuardian(p) ? world.ids[p] : makerOf(own))).id,
    async () => (await insertShare(other.id, makerOf(other))).id,
  );
}

/** Share links are for anyone holding them: own is one that opens, other one whose maker lost access. */
function shareToken(_p: Persona, t: Target): string {
  return t === 'own'
    ? world.tokens.live
    : t === 'other'
      ? world.tokens.ended
      : t === 'missing'
        ? newSecretToken()
        : MALFORMED;
}

/** A Patient Services request with its thread and a blank form, made fresh for each cell. */
async function insertServiceRequest(
  kind: 'form' | 'renewal',
  childId: string,
  guardianUserId: string,
): Promise<{ requestId: string; fileId: string }> {
  const conversationId = await insertConversation({
    childId,
    guardianUserId,
    category: kind === 'renewal' ? 'clinical' : 'general',
  });
  const [request] = await world.db
    .insert(serviceRequests)
    .values({
      kind,
      childId,
      guardianUserId,
      conversationId,
      details: {},
      idempotencyKey: randomUUID(),
      dueAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: serviceRequests.id });
  const [file] = await world.db
    .insert(requestFiles)
    .values({
      requestId: request!.id,
      purpose: 'blank',
      mediaType: 'application/pdf',
      byteSize: MATRIX_PDF.byteLength,
      content: MATRIX_PDF,
      uploadedBy: guardianUserId,
    })
    .returning({ id: requestFiles.id });
  return { requestId: request!.id, fileId: file!.id };
}

const MATRIX_PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

/**
 * Guardians: own is a request they made about their child (revoked and adult: made while the
 * link was live), other one by the other family. Staff: own is in their queue (a form for the
 * front desk and admins, a renewal for clinical staff), other is in the other queue.
 */
function requestSpec(p: Persona, target: 'own' | 'other') {
  const { a, b, adult } = world.children;
  const ids = world.ids;
  const forGuardian: Record<Guardian, { own: [string, string]; other: [string, string] }> = {
    parentA: { own: [a.id, ids.parentA], other: [b.id, ids.parentB] },
    parentB: { own: [b.id, ids.parentB], other: [a.id, ids.parentA] },
    revoked: { own: [a.id, ids.revoked], other: [b.id, ids.parentB] },
    adult: { own: [adult.id, ids.adult], other: [a.id, ids.parentA] },
  };
  if (isGuardian(p)) {
    const [childId, guardianUserId] = forGuardian[p][target];
    return insertServiceRequest('form', childId, guardianUserId);
  }
  const renewalQueue = p === 'clinical';
  const kind = (target === 'own') === renewalQueue ? 'renewal' : 'form';
  return kind === 'renewal'
    ? insertServiceRequest('renewal', b.id, ids.parentB)
    : insertServiceRequest('form', a.id, ids.parentA);
}

async function requestTarget(
  p: Persona,
  t: Target,
): Promise<{ requestId: string; fileId: string }> {
  if (t === 'missing') return { requestId: randomUUID(), fileId: randomUUID() };
  if (t === 'malformed') return { requestId: MALFORMED, fileId: MALFORMED };
  return requestSpec(p, t === 'other' ? 'other' : 'own');
}

/** An active medicine on the child, so a renewal of one's own child can be made. */
async function medicationOf(childId: string): Promise<string> {
  const { a, b, adult } = world.children;
  if (![a.id, b.id, adult.id].includes(childId)) return randomUUID();
  const [row] = await world.db
    .insert(medications)
    .values({ childId, name: 'Albuterol' })
    .returning({ id: medications.id });
  return row!.id;
}

async function freshParentAccount(): Promise<string> {
  return (await createParent(world.db)).id;
}

async function freshStaffAccount(): Promise<string> {
  return (await createStaffMember(world.db, ['billing'])).id;
}

/** Help-desk targets: own is a parent account, other a staff account (the help desk is for parents). */
const parentAccountId = (_p: Persona, t: Target) => pick(t, freshParentAccount, freshStaffAccount);
/** Staff-user targets: own is a staff account, other a parent's. */
const staffAccountId = (_p: Persona, t: Target) => pick(t, freshStaffAccount, freshParentAccount);

async function freshIntegrationClient(disabled: boolean): Promise<string> {
  const [row] = await world.db
    .insert(integrationClients)
    .values({
      name: `Matrix ${uniqueSuffix()}`,
      jwks: { keys: [] },
      scopes: ['system/*.write'],
      disabledAt: disabled ? new Date() : null,
    })
    .returning({ id: integrationClients.id });
  return row!.id;
}

/** Undelivered-mail targets: own is an email given up on, other one still waiting to be sent. */
async function freshMail(status: 'failed' | 'pending'): Promise<string> {
  const [row] = await world.db
    .insert(mailOutbox)
    .values({
      idempotencyKey: `matrix-${uniqueSuffix()}`,
      template: 'test_notice',
      toAddress: 'someone@example.org',
      subject: 'Notice',
      textBody: 'x',
      htmlBody: '<p>x</p>',
      status,
      attempts: status === 'failed' ? 6 : 0,
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
const mailId = (_p: Persona, t: Target) =>
  pick(
    t,
    () => freshMail('failed'),
    () => freshMail('pending'),
  );

async function freshPin(childId: string) {
  const input = issuePinSchema.parse({
    childId,
    confirmedDateOfBirth: true,
    confirmedAddressOrPhone: true,
    guardianName: `Guardian ${uniqueSuffix()}`,
    relationship: 'Mother',
  });
  return issuePin(world.db, world.ids.front_desk, input);
}

async function freshGuardianship(childId: string): Promise<string> {
  const parent = await createParent(world.db);
  const [row] = await world.db
    .insert(guardianships)
    .values({ childId, guardianUserId: parent.id, relationship: 'Parent' })
    .returning({ id: guardianships.id });
  return row!.id;
}

const entryFields: Record<'problems' | 'results' | 'visits', Record<string, string>> = {
  problems: { section: 'problems', name: 'Asthma', onsetOn: '', status: 'active' },
  results: {
    section: 'results',
    testName: 'Hemoglobin',
    value: '12.1',
    units: 'g/dL',
    referenceRange: '',
    flag: 'normal',
    collectedOn: '2021-03-01',
    resultedOn: '2021-03-02',
  },
  visits: {
    section: 'visits',
    visitOn: '2021-03-01',
    type: 'sick',
    clinician: 'Dr. Shah',
    reason: 'Cough',
    summary: 'Rest and fluids',
  },
};

/** The child and an entry on its chart; for missing and malformed, ids of nothing. */
async function chartTarget(
  p: Persona,
  t: Target,
  section: keyof typeof entryFields,
): Promise<{ childId: string; entryId: string }> {
  if (t === 'missing' || t === 'malformed')
    return { childId: t === 'missing' ? randomUUID() : MALFORMED, entryId: randomUUID() };
  const child = t === 'other' ? otherChild(p) : ownChild(p);
  const entry = recordEntrySchema.parse({ ...entryFields[section], childId: child.id });
  const saved = await saveRecordEntry(world.db, world.ids.clinical, entry);
  return { childId: child.id, entryId: saved.id };
}

// ---------------------------------------------------------------------------------------------
// Visiting a page, a handler, an action; and what came of it.

let cellNumber = 0;

/** Each cell from its own address, so per-IP rate limits never decide a cell. */
function actAsVisitor(persona: Persona): string {
  cellNumber += 1;
  actAs(world.sessions[persona], {
    ip: `10.${(cellNumber >> 16) & 255}.${(cellNumber >> 8) & 255}.${cellNumber & 255}`,
  });
  return requestState.headers.get('x-request-id')!;
}

function homeOf(persona: Persona): string {
  return isStaff(persona) ? '/staff' : '/dashboard';
}

function outcomeOfRedirect(persona: Persona, location: string): string {
  if (location === '/__not-found') return 'not-found';
  if (/^\/staff\/login(\?|$)/.test(location)) return 'staff-sign-in';
  if (/^\/login(\?|$)/.test(location)) return 'sign-in';
  if (
    persona !== 'anonymous' &&
    (location === homeOf(persona) || location.startsWith(`${homeOf(persona)}?`))
  )
    return 'home';
  if (isGuardian(persona) && location === `/children/${ownChild(persona).id}/activity`)
    return 'own-child-activity';
  return `redirect to ${location}`;
}

/**
 * A page is an async server component: call it, then call the async components in what it
 * returned (the two-step code page decides in one of those), never the client components.
 */
async function renderServerParts(node: unknown): Promise<void> {
  if (Array.isArray(node)) {
    for (const child of node) await renderServerParts(child);
    return;
  }
  if (!isValidElement(node)) return;
  const { type, props } = node as { type: unknown; props: Record<string, unknown> };
  if (typeof type === 'function' && type.constructor.name === 'AsyncFunction') {
    await renderServerParts(await (type as (props: unknown) => Promise<unknown>)(props));
    return;
  }
  for (const value of Object.values(props ?? {})) await renderServerParts(value);
}

type PageComponent = (props: {
  params: Promise<Record<string, string>>;
  searchParams: Promise<Record<string, string>>;
}) => unknown;
type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;
type ServerAction = (input: unknown) => Promise<ActionResult<unknown>>;

interface Cell {
  persona: Persona;
  target: Target;
}

interface PageRow {
  targets: readonly Target[];
  expect: Expect;
  /** The dynamic segments, query and cookies of the visit. */
  request?: (cell: Cell) => Promise<{
    params?: Record<string, string>;
    searchParams?: Record<string, string>;
    cookies?: Record<string, string>;
  }>;
}

interface RouteRow {
  targets: readonly Target[];
  expect: Expect;
  params?: (cell: Cell) => Promise<Record<string, string>>;
  /** What the handler answers when it serves its content (the outage page is itself a 503). */
  status?: number;
}

interface ActionRow {
  targets: readonly Target[];
  expect: Expect;
  input: (cell: Cell) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The input field that carries the target's id: a validation error on it is "invalid". */
  idField?: string;
  /** Puts back what a successful call changed that later cells rely on. */
  restore?: (cell: Cell) => Promise<void>;
}

async function visitPage(file: string, row: PageRow, cell: Cell): Promise<string> {
  const request = (await row.request?.(cell)) ?? {};
  actAsVisitor(cell.persona);
  for (const [name, value] of Object.entries(request.cookies ?? {}))
    requestState.cookies.set(name, { value, options: {} });
  const Page = ((await import(file)) as { default: PageComponent }).default;
  const run = async () =>
    renderServerParts(
      await Page({
        params: Promise.resolve(request.params ?? {}),
        searchParams: Promise.resolve(request.searchParams ?? {}),
      }),
    );
  try {
    if (cell.target === 'production') await inProduction(run);
    else await run();
    return 'allowed';
  } catch (error) {
    if (error instanceof TestRedirect) return outcomeOfRedirect(cell.persona, error.location);
    throw error;
  }
}

async function visitRoute(
  file: string,
  method: string,
  route: string,
  row: RouteRow,
  cell: Cell,
): Promise<string> {
  const params = (await row.params?.(cell)) ?? {};
  actAsVisitor(cell.persona);
  const handler = ((await import(file)) as Record<string, RouteHandler>)[method]!;
  const url = `http://portal.test${route.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? name)}`;
  try {
    const response = await handler(new Request(url, { method }), {
      params: Promise.resolve(params),
    });
    await response.body?.cancel();
    if (response.status === (row.status ?? 200)) return 'allowed';
    return response.status === 401 ? 'unauthorized' : `status ${response.status}`;
  } catch (error) {
    if (error instanceof TestRedirect) return outcomeOfRedirect(cell.persona, error.location);
    throw error;
  }
}

const refusal = {
  denied: 'We could not find that page.',
  signedOut: 'Your session has ended. Please sign in again.',
  invalid: 'Please correct the highlighted fields.',
} as const;

async function callAction(file: string, name: string, row: ActionRow, cell: Cell): Promise<string> {
  const input = await row.input(cell);
  const requestId = actAsVisitor(cell.persona);
  const action = ((await import(file)) as Record<string, ServerAction>)[name]!;
  let result: ActionResult<unknown>;
  try {
    result = await action(input);
  } catch (error) {
    // A successful action that sends the browser on (after its change committed).
    if (error instanceof TestRedirect) return 'allowed';
    throw error;
  }
  if (result.ok) return 'allowed';
  // Refusals are audited as action.denied with the reason, whatever sentence the visitor saw.
  const denials = await world.db
    .select({ metadata: auditEvents.metadata })
    .from(auditEvents)
    .where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, 'action.denied')));
  const reason = denials[0]?.metadata.reason;
  if (reason === 'signed_out' || result.formError === refusal.signedOut) return 'sign-in';
  if (
    reason === 'role' ||
    reason === 'not_found' ||
    reason === 'forbidden' ||
    result.formError === refusal.denied
  )
    return 'not-found';
  if (reason) return `denied (${String(reason)}): ${result.formError}`;
  if (row.idField && result.formError === refusal.invalid && result.fieldErrors?.[row.idField])
    return 'invalid';
  if (result.formError?.startsWith('Something went wrong')) return `error: ${result.formError}`;
  return 'declined';
}

/** The dev-only outbox page as a production server would answer it. */
async function inProduction(run: () => Promise<void>): Promise<void> {
  const secret = 'x'.repeat(40);
  vi.stubEnv('NODE_ENV', 'production');
  for (const name of ['AUTH_SECRET', 'PIN_HMAC_SECRET', 'TOTP_ENCRYPTION_KEY'])
    vi.stubEnv(name, secret);
  vi.stubEnv('DATABASE_URL', process.env.DATABASE_URL || 'postgres://matrix@127.0.0.1/unused');
  resetEnvForTesting();
  try {
    await run();
  } finally {
    vi.unstubAllEnvs();
    resetEnvForTesting();
  }
}

// ---------------------------------------------------------------------------------------------
// The expectations, in a few shapes.

/** A guardian whose link is live today: parent A to child A, parent B to child B. */
const live = (p: Persona, t: Target) => (p === 'parentA' || p === 'parentB') && t === 'own';
const real = (_p: Persona, t: Target) => t === 'own' || t === 'other' || t === 'once';
const hasRole = (p: Persona, roles: readonly StaffRole[]) =>
  isStaff(p) && (roles.length === 0 || roles.includes(p));

const anyStaff: readonly StaffRole[] = [];
const queues: readonly StaffRole[] = ['clinical', 'billing', 'front_desk', 'admin'];
const helpDesk: readonly StaffRole[] = ['front_desk', 'admin'];
const charting: readonly StaffRole[] = ['clinical', 'admin'];
const records: readonly StaffRole[] = ['front_desk', 'admin', 'clinical'];
const admins: readonly StaffRole[] = ['admin'];

const everyone: Expect = () => 'allowed';
/** Sign-in pages: signed-in visitors are sent on to their own home. */
const signInPage: Expect = (p) => (p === 'anonymous' ? 'allowed' : 'home');
/** The parent portal: staff are not guardians (404). */
const parentsOnly: Expect = (p) =>
  p === 'anonymous' ? 'sign-in' : isGuardian(p) ? 'allowed' : 'not-found';
/** A child's page: only through a live link; a revoked link, a child of age, someone else's child are all 404. */
const linkedGuardian: Expect = (p, t) =>
  p === 'anonymous' ? 'sign-in' : live(p, t) ? 'allowed' : 'not-found';
const staffOnly =
  (roles: readonly StaffRole[], reaches: (p: Persona, t: Target) => boolean = real): Expect =>
  (p, t) =>
    p === 'anonymous'
      ? 'staff-sign-in'
      : hasRole(p, roles) && reaches(p, t)
        ? 'allowed'
        : 'not-found';
/** A conversation in one of this person's queues: own always, other only for admins (who work all three). */
const inQueue = (p: Persona, t: Target) => t === 'own' || (t === 'other' && p === 'admin');
/** Patient Services requests: front desk (appointments, forms, records), clinical (renewals), admins. */
const requestRoles: readonly StaffRole[] = ['front_desk', 'clinical', 'admin'];

/** Parent-only actions with no id. */
const parentAction =
  (outcome: Outcome = 'allowed'): Expect =>
  (p) =>
    p === 'anonymous' ? 'sign-in' : isGuardian(p) ? outcome : 'not-found';
/** Parent actions on a child (or its conversation, its share link): validation first, then the live link. */
const guardianAction: Expect = (p, t) =>
  p === 'anonymous'
    ? 'sign-in'
    : !isGuardian(p)
      ? 'not-found'
      : t === 'malformed'
        ? 'invalid'
        : live(p, t)
          ? 'allowed'
          : 'not-found';
/** Anyone signed in, parents and staff alike. */
const signedInAction =
  (parents: Outcome, staff: Outcome): Expect =>
  (p) =>
    p === 'anonymous' ? 'sign-in' : isGuardian(p) ? parents : staff;
/** Staff actions: the role first, then validation, then what the domain makes of the target. */
const staffAction =
  (
    roles: readonly StaffRole[],
    onTarget: (p: Persona, t: Target) => Outcome = (p, t) => (real(p, t) ? 'allowed' : 'not-found'),
  ): Expect =>
  (p, t) =>
    p === 'anonymous'
      ? 'sign-in'
      : !hasRole(p, roles)
        ? 'not-found'
        : t === 'malformed'
          ? 'invalid'
          : onTarget(p, t);

// ---------------------------------------------------------------------------------------------
// The table.

const NEW_PASSWORD = 'umber-lagoon-thistle-cobalt-71';
const callerChecked = {
  confirmedDateOfBirth: true,
  confirmedAddressOrPhone: true,
  otherVerification: '',
};

const pages: Record<string, PageRow> = {
  '/': { targets: once, expect: signInPage },
  '/login': { targets: once, expect: signInPage },
  // The code pages show only to a sign-in waiting for its code: everyone else is sent on.
  '/login/verify': { targets: once, expect: (p) => (p === 'anonymous' ? 'sign-in' : 'home') },
  '/signup': { targets: once, expect: everyone },
  '/forgot-password': { targets: once, expect: everyone },
  '/help-desk': { targets: once, expect: everyone },
  '/forgot-user-id': { targets: once, expect: everyone },
  '/reset-password': {
    targets: once,
    expect: everyone,
    request: async () => ({ searchParams: { token: 'not-a-real-token-at-all' } }),
  },
  '/verify-email': { targets: once, expect: everyone },
  '/choose-password': {
    targets: once,
    expect: (p) => (p === 'anonymous' ? 'sign-in' : isGuardian(p) ? 'home' : 'not-found'),
  },
  '/help/registration': { targets: once, expect: everyone },
  '/help/requests': { targets: once, expect: everyone },
  '/faq': { targets: once, expect: everyone },
  '/contact': { targets: once, expect: everyone },
  // A share link opens for anyone who holds it; one whose maker lost access says so; an unknown one is a 404.
  '/share/[token]': {
    targets: idTargets,
    expect: (_p, t) => (real(_p, t) ? 'allowed' : 'not-found'),
    request: async ({ persona, target }) => ({ params: { token: shareToken(persona, target) } }),
  },
  // The benchmark's reference page exists only when the benchmark starts the portal with it on.
  '/bench/reference': { targets: once, expect: () => 'not-found' },
  // The local outbox exists in development only.
  '/dev/mail': {
    targets: ['development', 'production'],
    expect: (_p, t) => (t === 'development' ? 'allowed' : 'not-found'),
  },

  '/dashboard': { targets: once, expect: parentsOnly },
  '/children/link': { targets: once, expect: parentsOnly },
  // Where sign-up leads: the PIN explained and the "Link a child" form.
  '/welcome': { targets: once, expect: parentsOnly },
  // One linked child: straight to that child's audit trail; none (revoked, of age): the page.
  '/children/activity': {
    targets: once,
    expect: (p) =>
      p === 'anonymous'
        ? 'sign-in'
        : live(p, 'own')
          ? 'own-child-activity'
          : isGuardian(p)
            ? 'allowed'
            : 'not-found',
  },
  '/children/[childId]': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/children/[childId]/growth': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/children/[childId]/activity': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/children/[childId]/immunizations/print': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/children/[childId]/immunizations/share': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/services/message': { targets: once, expect: parentsOnly },
  '/services/message/sent': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      searchParams: { conversation: await conversationId(persona, target) },
    }),
  },
  '/services/requests': { targets: once, expect: parentsOnly },
  '/services/requests/new/[kind]': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { kind: 'renewal' },
      searchParams: { child: await childId(persona, target) },
    }),
  },
  '/services/requests/[requestId]': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { requestId: (await requestTarget(persona, target)).requestId },
    }),
  },
  '/inbox': { targets: once, expect: parentsOnly },
  '/inbox/[conversationId]': {
    targets: idTargets,
    expect: linkedGuardian,
    request: async ({ persona, target }) => ({
      params: { conversationId: await conversationId(persona, target) },
    }),
  },
  '/account': { targets: once, expect: parentsOnly },
  '/account/two-step': { targets: once, expect: parentsOnly },

  '/staff/login': { targets: once, expect: (p) => (isStaff(p) ? 'home' : 'allowed') },
  '/staff/login/verify': {
    targets: once,
    expect: (p) => (p === 'anonymous' ? 'staff-sign-in' : 'home'),
  },
  '/staff/two-step': { targets: once, expect: staffOnly(anyStaff) },
  // A set-up link opens for whoever holds it; an unknown one says it no longer works.
  '/staff/setup': {
    targets: once,
    expect: everyone,
    request: async () => ({ searchParams: { token: 'not-a-real-token-at-all' } }),
  },
  '/staff': { targets: once, expect: staffOnly(anyStaff) },
  '/staff/messages': {
    targets: once,
    expect: staffOnly(queues),
    request: async () => ({ cookies: { 'portal-search-messages': JSON.stringify({ q: 'a' }) } }),
  },
  '/staff/messages/[conversationId]': {
    targets: idTargets,
    expect: staffOnly(queues, inQueue),
    request: async ({ persona, target }) => ({
      params: { conversationId: await conversationId(persona, target) },
    }),
  },
  '/staff/requests': {
    targets: once,
    expect: staffOnly(requestRoles),
    request: async () => ({ cookies: { 'portal-search-requests': JSON.stringify({ q: 'a' }) } }),
  },
  '/staff/requests/[requestId]': {
    targets: idTargets,
    expect: staffOnly(requestRoles, inQueue),
    request: async ({ persona, target }) => ({
      params: { requestId: (await requestTarget(persona, target)).requestId },
    }),
  },
  '/staff/messages/new': {
    targets: idTargets,
    expect: staffOnly(queues),
    request: async ({ persona, target }) => ({
      searchParams: { child: await childId(persona, target) },
    }),
  },
  '/staff/accounts': {
    targets: once,
    expect: staffOnly(helpDesk),
    // A search is kept in a cookie (lib/staff/remembered-search.ts), never in the address.
    request: async () => ({
      cookies: { 'portal-search-accounts': JSON.stringify({ q: 'parent' }) },
    }),
  },
  // The help desk shows parent accounts only: a staff account's id is a 404 there.
  '/staff/accounts/[accountId]': {
    targets: idTargets,
    expect: staffOnly(helpDesk, (_p, t) => t === 'own'),
    request: async ({ target }) => ({
      params: {
        accountId: await pick(
          target,
          () => world.ids.parentA,
          () => world.spareStaff,
        ),
      },
    }),
  },
  '/staff/patients': {
    targets: once,
    expect: staffOnly(records),
    request: async () => ({ cookies: { 'portal-search-patients': JSON.stringify({ q: 'a' }) } }),
  },
  '/staff/patients/new': { targets: once, expect: staffOnly(helpDesk) },
  '/staff/patients/[childId]': {
    targets: idTargets,
    expect: staffOnly(records),
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/staff/patients/[childId]/edit': {
    targets: idTargets,
    expect: staffOnly(helpDesk),
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/staff/patients/[childId]/growth': {
    targets: idTargets,
    expect: staffOnly(charting),
    request: async ({ persona, target }) => ({
      params: { childId: await childId(persona, target) },
    }),
  },
  '/staff/users': { targets: once, expect: staffOnly(admins) },
  '/staff/integrations': { targets: once, expect: staffOnly(admins) },
  '/staff/audit': {
    targets: once,
    expect: staffOnly(admins),
    request: async () => ({
      cookies: { 'portal-search-audit': JSON.stringify({ actor: 'demo', child: 'a' }) },
    }),
  },
  '/staff/audit/[eventId]': {
    targets: idTargets,
    expect: staffOnly(admins),
    request: async ({ target }) => ({
      params: {
        eventId:
          target === 'own'
            ? String(world.events.a)
            : target === 'other'
              ? String(world.events.b)
              : target === 'missing'
                ? '999999999999'
                : 'not-an-event',
      },
    }),
  },
};

const routes: Record<string, RouteRow> = {
  'GET /children/[childId]/fhir': {
    targets: idTargets,
    expect: linkedGuardian,
    params: async ({ persona, target }) => ({ childId: await childId(persona, target) }),
  },
  'GET /children/[childId]/immunizations/pdf': {
    targets: idTargets,
    expect: linkedGuardian,
    params: async ({ persona, target }) => ({ childId: await childId(persona, target) }),
  },
  'GET /services/requests/[requestId]/files/[fileId]': {
    targets: idTargets,
    expect: linkedGuardian,
    params: async ({ persona, target }) => await requestTarget(persona, target),
  },
  'GET /staff/requests/[requestId]/files/[fileId]': {
    targets: idTargets,
    expect: staffOnly(requestRoles, inQueue),
    params: async ({ persona, target }) => await requestTarget(persona, target),
  },
  'GET /api/health': { targets: once, expect: everyone },
  // The EHR's endpoints ignore sessions: a signed assertion or bearer token is the only key.
  // Without an assertion the token endpoint says invalid_request (400) to everyone alike.
  'POST /api/fhir/token': { targets: once, expect: everyone, status: 400 },
  'POST /api/fhir': { targets: once, expect: () => 'unauthorized' },
  // The Inbox badge's count: for parents; anyone else is "not signed in" (it is fetched, never navigated to).
  'GET /api/inbox/unread': {
    targets: once,
    expect: (p) => (isGuardian(p) ? 'allowed' : 'unauthorized'),
  },
  'GET /staff/audit/export': { targets: once, expect: staffOnly(admins) },
  'GET /unavailable': { targets: once, expect: everyone, status: 503 },
};

/** Staff writing in a queue they work: front desk the general one; admins any. */
function queueOf(p: Persona): 'clinical' | 'general' | 'billing' {
  return p === 'clinical' ? 'clinical' : p === 'billing' ? 'billing' : 'general';
}

async function childFields(p: Persona, t: Target) {
  const id = await childId(p, t);
  const child = t === 'other' ? otherChild(p) : ownChild(p);
  return {
    childId: id,
    firstName: 'Kim',
    lastName: 'Matrix',
    preferredName: '',
    dateOfBirth: child.dateOfBirth,
    sex: '',
    mrn: '',
  };
}

const actions: Record<string, ActionRow> = {
  // The parent's own account.
  '(portal)/account/actions.ts#setMessageEmails': {
    targets: once,
    expect: parentAction(),
    input: () => ({ messageEmails: true }),
  },
  '(portal)/account/actions.ts#changeMyPassword': {
    targets: once,
    expect: parentAction(),
    input: () => ({
      currentPassword: FACTORY_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    }),
    restore: async ({ persona }) => {
      if (persona !== 'anonymous')
        await world.db
          .update(users)
          .set({ passwordHash: world.factoryPasswordHash })
          .where(eq(users.id, world.ids[persona]));
    },
  },
  '(portal)/account/actions.ts#changeMyEmail': {
    targets: once,
    expect: parentAction(),
    input: () => ({
      currentPassword: FACTORY_PASSWORD,
      newEmail: `new.${uniqueSuffix()}@example.org`,
    }),
  },
  '(portal)/account/actions.ts#changeMyHint': {
    targets: once,
    expect: parentAction(),
    input: () => ({
      currentPassword: FACTORY_PASSWORD,
      hintQuestion: 'first_pet',
      hintAnswer: 'Rex',
    }),
  },
  '(portal)/account/actions.ts#signOutEverywhere': {
    targets: once,
    expect: parentAction(),
    input: () => ({}),
  },
  '(portal)/dashboard/actions.ts#sendNewVerificationLink': {
    targets: once,
    expect: parentAction(),
    input: () => ({}),
  },
  // Without an office-issued temporary password there is nothing to replace.
  '(public)/choose-password/actions.ts#chooseOwnPassword': {
    targets: once,
    expect: parentAction('declined'),
    input: () => ({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  },
  // A real PIN for a new child each time: any parent account may link with one.
  '(portal)/children/link/actions.ts#linkChild': {
    targets: once,
    expect: parentAction(),
    input: async () => {
      const child = await createChild(world.db, { dateOfBirth: '2021-06-15' });
      const { pin } = await freshPin(child.id);
      return { pin, dateOfBirth: child.dateOfBirth, relationship: 'mother' };
    },
  },

  // The parent's child, its conversations and its share links.
  '(portal)/children/[childId]/actions.ts#createShareLink': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      label: 'School nurse',
      validFor: '1d',
      protectWithCode: false,
    }),
  },
  '(portal)/children/[childId]/actions.ts#turnOffShareLink': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'shareId',
    input: async ({ persona, target }) => ({ shareId: await shareId(persona, target) }),
  },
  '(portal)/services/message/actions.ts#sendSecureMessage': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      category: 'general',
      subject: 'A question',
      body: 'Hello',
      idempotencyKey: randomUUID(),
    }),
  },
  '(portal)/services/requests/actions.ts#requestAppointment': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      reason: 'sick_visit',
      availability: 'Mornings',
      contactMethod: 'portal',
      contactPhone: '',
      note: '',
      idempotencyKey: randomUUID(),
    }),
  },
  '(portal)/services/requests/actions.ts#requestRenewal': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => {
      const child = await childId(persona, target);
      return {
        childId: child,
        medicationIds: [await medicationOf(child)],
        pharmacyName: 'Main Street Pharmacy',
        pharmacyPhone: '555-555-0199',
        pharmacyAddress: '1 Main Street',
        note: '',
        idempotencyKey: randomUUID(),
      };
    },
  },
  '(portal)/services/requests/actions.ts#requestForm': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      formType: 'school',
      neededBy: '',
      note: '',
      idempotencyKey: randomUUID(),
    }),
  },
  '(portal)/services/requests/actions.ts#requestRecords': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      scope: 'immunizations',
      periodFrom: '',
      periodTo: '',
      note: '',
      idempotencyKey: randomUUID(),
    }),
  },
  '(portal)/inbox/actions.ts#replyToOffice': {
    targets: idTargets,
    expect: guardianAction,
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await conversationId(persona, target),
      body: 'Thank you',
      idempotencyKey: randomUUID(),
    }),
  },

  // Public: signing in and getting back in. The answers are the same for everyone.
  '(public)/signup/actions.ts#signUp': {
    targets: once,
    expect: everyone,
    input: () => {
      const suffix = uniqueSuffix();
      return {
        firstName: 'New',
        lastName: 'Parent',
        userId: `new.${suffix}`,
        email: `new.${suffix}@example.org`,
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
        hintQuestion: 'first_pet',
        hintAnswer: 'Rex',
      };
    },
  },
  '(public)/login/actions.ts#signInParent': {
    targets: once,
    expect: () => 'declined',
    input: () => ({ identifier: 'nobody.matrix', password: 'not-the-password' }),
  },
  'staff/setup/actions.ts#completeStaffAccountSetup': {
    targets: once,
    expect: () => 'declined',
    input: () => ({
      token: newSecretToken(),
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    }),
  },
  'staff/login/actions.ts#signInStaff': {
    targets: once,
    expect: () => 'declined',
    input: () => ({ identifier: 'nobody.matrix', password: 'not-the-password' }),
  },
  // With no sign-in waiting for a code, the code step sends the browser back to the password.
  'session/two-step/actions.ts#submitSecondFactor': {
    targets: once,
    expect: everyone,
    input: () => ({ code: '123456', portal: 'parent' }),
  },
  // The public Help Desk: the same answer for everyone, whoever is named.
  '(public)/help-desk/actions.ts#sendNewTemporaryPassword': {
    targets: once,
    expect: everyone,
    input: () => ({ identifier: 'nobody.matrix' }),
  },
  '(public)/help-desk/actions.ts#reportProblemSigningIn': {
    targets: once,
    expect: everyone,
    input: () => ({
      name: 'Matrix Visitor',
      contact: '555-010-9999',
      description: 'The sign-in page says my password is wrong.',
    }),
  },
  '(public)/forgot-password/actions.ts#requestPasswordResetLink': {
    targets: once,
    expect: everyone,
    input: () => ({ identifier: 'nobody.matrix' }),
  },
  '(public)/forgot-password/actions.ts#resetPassword': {
    targets: once,
    expect: () => 'declined',
    input: () => ({
      token: newSecretToken(),
      hintAnswer: 'Biscuit',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    }),
  },
  '(public)/forgot-user-id/actions.ts#emailMyUserId': {
    targets: once,
    expect: everyone,
    input: () => ({ email: 'nobody.matrix@example.org' }),
  },
  '(public)/verify-email/actions.ts#confirmEmailAddress': {
    targets: once,
    expect: everyone,
    input: () => ({ token: newSecretToken() }),
  },
  // A share link's "Show the record": own opens; a link whose maker lost access, or no link at all, is refused by the domain.
  '(public)/share/actions.ts#openShareWithCode': {
    targets: idTargets,
    expect: (_p, t) => (t === 'own' ? 'allowed' : 'declined'),
    idField: 'token',
    input: async ({ persona, target }) => ({ token: shareToken(persona, target), code: '' }),
  },

  // The language switch on every page: a visitor's choice is a cookie; a signed-in person's is saved too.
  'language/actions.ts#chooseLanguage': {
    targets: once,
    expect: everyone,
    input: () => ({ locale: 'es', returnTo: '/dashboard' }),
  },

  // Anyone signed in.
  'session/actions.ts#signOutNow': {
    targets: once,
    expect: signedInAction('allowed', 'allowed'),
    input: () => ({ reason: 'user' }),
  },
  'session/actions.ts#staySignedIn': {
    targets: once,
    expect: signedInAction('allowed', 'allowed'),
    input: () => ({}),
  },
  // Staff already have two-step verification on; the factory parents do not.
  'session/two-step/actions.ts#startTwoStepSetup': {
    targets: once,
    expect: signedInAction('allowed', 'declined'),
    input: () => ({}),
  },
  'session/two-step/actions.ts#confirmTwoStepSetup': {
    targets: once,
    expect: signedInAction('declined', 'declined'),
    input: () => ({ code: '123456' }),
  },
  'session/two-step/actions.ts#replaceMyRecoveryCodes': {
    targets: once,
    expect: signedInAction('declined', 'allowed'),
    input: () => ({ currentPassword: FACTORY_PASSWORD }),
  },
  'session/two-step/actions.ts#turnOffMyTwoStep': {
    targets: once,
    expect: parentAction('declined'),
    input: () => ({ currentPassword: FACTORY_PASSWORD }),
  },

  // The help desk, for parent accounts only: a staff account's id is refused like a missing one.
  'staff/(office)/accounts/actions.ts#sendTemporaryPassword': {
    targets: idTargets,
    expect: staffAction(helpDesk, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'accountId',
    input: async ({ persona, target }) => ({
      accountId: await parentAccountId(persona, target),
      ...callerChecked,
    }),
  },
  // A Help Desk report: anyone on the help desk may move it on; a closed one stays closed.
  'staff/(office)/accounts/actions.ts#markSignInProblem': {
    targets: idTargets,
    expect: staffAction(helpDesk, (_p, t) =>
      t === 'own' ? 'allowed' : t === 'other' ? 'declined' : 'not-found',
    ),
    idField: 'problemId',
    input: async ({ target }) => ({
      problemId: await pick(
        target,
        () => signInProblemId('new'),
        () => signInProblemId('closed'),
      ),
      status: 'called_back',
    }),
  },
  'staff/(office)/accounts/actions.ts#unlockParentAccount': {
    targets: idTargets,
    // The one help-desk action that takes a staff account ("other") too: someone else's guessing
    // can pause a staff member's sign-in, and the help desk lifts it (issue 19).
    expect: staffAction(helpDesk, (_p, t) =>
      t === 'own' || t === 'other' ? 'allowed' : 'not-found',
    ),
    idField: 'accountId',
    input: async ({ persona, target }) => ({ accountId: await parentAccountId(persona, target) }),
  },
  'staff/(office)/accounts/actions.ts#resendParentVerification': {
    targets: idTargets,
    expect: staffAction(helpDesk, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'accountId',
    input: async ({ persona, target }) => ({ accountId: await parentAccountId(persona, target) }),
  },
  'staff/(office)/accounts/actions.ts#disableParentAccount': {
    targets: idTargets,
    expect: staffAction(helpDesk, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'accountId',
    input: async ({ persona, target }) => ({ accountId: await parentAccountId(persona, target) }),
  },
  'staff/(office)/accounts/actions.ts#enableParentAccount': {
    targets: idTargets,
    expect: staffAction(helpDesk, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'accountId',
    input: async ({ persona, target }) => ({ accountId: await parentAccountId(persona, target) }),
  },
  // Administrators reset a lost phone for parents and staff alike.
  'staff/(office)/accounts/actions.ts#resetTwoStepVerification': {
    targets: idTargets,
    expect: staffAction(admins),
    idField: 'accountId',
    input: async ({ persona, target }) => ({
      accountId: await parentAccountId(persona, target),
      ...callerChecked,
    }),
  },

  // Message queues: each conversation action works on a conversation in one of the person's queues.
  'staff/(office)/messages/actions.ts#replyToGuardian': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
      body: 'We can see you Tuesday.',
      idempotencyKey: randomUUID(),
    }),
  },
  'staff/(office)/messages/actions.ts#addStaffNote': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
      body: 'Called back.',
      idempotencyKey: randomUUID(),
    }),
  },
  'staff/(office)/messages/actions.ts#assignConversationToMe': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
    }),
  },
  'staff/(office)/messages/actions.ts#changeConversationCategory': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
      category: 'general',
    }),
  },
  'staff/(office)/messages/actions.ts#closeConversation': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
    }),
  },
  'staff/(office)/messages/actions.ts#reopenConversation': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'conversationId',
    input: async ({ persona, target }) => ({
      conversationId: await freshConversationId(persona, target),
    }),
  },
  // Any queue role may write first about any child, to a guardian with a live link; a missing child has no such guardian.
  'staff/(office)/messages/actions.ts#writeToGuardian': {
    targets: idTargets,
    expect: staffAction(queues, (p, t) => (real(p, t) ? 'allowed' : 'declined')),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      guardianshipId: target === 'other' ? world.links.b : world.links.a,
      category: queueOf(persona),
      subject: 'Forms are ready',
      body: 'Please pick them up.',
      idempotencyKey: randomUUID(),
    }),
  },

  // Searches change nothing, but keep their terms for the list page: the list's own roles.
  'staff/(office)/patients/actions.ts#searchPatients': {
    targets: once,
    expect: staffAction(records),
    input: () => ({ q: 'rivera', dob: '' }),
  },
  'staff/(office)/accounts/actions.ts#searchAccounts': {
    targets: once,
    expect: staffAction(helpDesk),
    input: () => ({ q: 'parent' }),
  },
  'staff/(office)/requests/actions.ts#assignRequestToMe': {
    targets: idTargets,
    expect: staffAction(requestRoles, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'requestId',
    input: async ({ persona, target }) => ({
      requestId: (await requestTarget(persona, target)).requestId,
    }),
  },
  'staff/(office)/requests/actions.ts#setRequestStatus': {
    targets: idTargets,
    expect: staffAction(requestRoles, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'requestId',
    input: async ({ persona, target }) => ({
      requestId: (await requestTarget(persona, target)).requestId,
      status: 'declined',
      reason: 'Please call the office.',
    }),
  },
  'staff/(office)/requests/actions.ts#addRequestInternalNote': {
    targets: idTargets,
    expect: staffAction(requestRoles, (p, t) => (inQueue(p, t) ? 'allowed' : 'not-found')),
    idField: 'requestId',
    input: async ({ persona, target }) => ({
      requestId: (await requestTarget(persona, target)).requestId,
      body: 'Called back.',
      idempotencyKey: randomUUID(),
    }),
  },
  // Files go on forms and records only: a renewal in one's queue takes none (declined).
  'staff/(office)/requests/actions.ts#attachRequestFile': {
    targets: idTargets,
    expect: staffAction(requestRoles, (p, t) =>
      !inQueue(p, t)
        ? 'not-found'
        : p === 'clinical' || (p === 'admin' && t === 'other')
          ? 'declined'
          : 'allowed',
    ),
    idField: 'requestId',
    input: async ({ persona, target }) => ({
      requestId: (await requestTarget(persona, target)).requestId,
      file: new File([MATRIX_PDF], 'done.pdf', { type: 'application/pdf' }),
    }),
  },
  'staff/(office)/requests/actions.ts#searchRequests': {
    targets: once,
    expect: staffAction(requestRoles),
    input: () => ({ q: 'forms', kind: 'all', tab: 'open' }),
  },
  'staff/(office)/messages/actions.ts#searchMessages': {
    targets: once,
    expect: staffAction(queues),
    input: () => ({ q: 'forms', tab: 'open' }),
  },

  // Patients, PINs and guardian access: the front desk and administrators.
  'staff/(office)/patients/actions.ts#registerChild': {
    targets: once,
    expect: staffAction(helpDesk),
    input: () => ({
      firstName: 'New',
      lastName: 'Patient',
      preferredName: '',
      dateOfBirth: '2022-01-10',
      sex: '',
      mrn: '',
    }),
  },
  'staff/(office)/patients/actions.ts#editChild': {
    targets: idTargets,
    expect: staffAction(helpDesk),
    idField: 'childId',
    input: ({ persona, target }) => childFields(persona, target),
  },
  'staff/(office)/patients/actions.ts#issueGuardianPin': {
    targets: idTargets,
    expect: staffAction(helpDesk),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      childId: await childId(persona, target),
      ...callerChecked,
      guardianName: 'Jordan Guardian',
      relationship: 'Father',
    }),
  },
  'staff/(office)/patients/actions.ts#cancelGuardianPin': {
    targets: idTargets,
    expect: staffAction(helpDesk),
    idField: 'pinId',
    input: async ({ target }) => ({
      pinId: await pick(
        target,
        async () => (await freshPin(world.children.a.id)).pinId,
        async () => (await freshPin(world.children.b.id)).pinId,
      ),
    }),
  },
  'staff/(office)/patients/actions.ts#revokeGuardianAccess': {
    targets: idTargets,
    expect: staffAction(helpDesk),
    idField: 'guardianshipId',
    input: async ({ target }) => ({
      guardianshipId: await pick(
        target,
        () => freshGuardianship(world.children.a.id),
        () => freshGuardianship(world.children.b.id),
      ),
      reason: 'Court order',
    }),
  },

  // Charting: clinicians and administrators, on any real child's chart.
  'staff/(office)/patients/[childId]/actions.ts#addChartEntry': {
    targets: idTargets,
    expect: staffAction(charting),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      ...entryFields.problems,
      childId: await childId(persona, target),
    }),
  },
  'staff/(office)/patients/[childId]/actions.ts#updateChartEntry': {
    targets: idTargets,
    expect: staffAction(charting),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      ...entryFields.problems,
      name: 'Asthma, mild',
      ...(await chartTarget(persona, target, 'problems')),
    }),
  },
  'staff/(office)/patients/[childId]/actions.ts#removeChartEntry': {
    targets: idTargets,
    expect: staffAction(charting),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      ...(await chartTarget(persona, target, 'problems')),
      section: 'problems',
      reason: 'Entered on the wrong chart',
    }),
  },
  // A result that is not on the chart answers "already released or no longer on the chart" (a conflict), not a 404.
  'staff/(office)/patients/[childId]/actions.ts#releaseResult': {
    targets: idTargets,
    expect: staffAction(charting, (p, t) => (real(p, t) ? 'allowed' : 'declined')),
    idField: 'childId',
    input: async ({ persona, target }) => ({
      ...(await chartTarget(persona, target, 'results')),
      comment: '',
    }),
  },
  'staff/(office)/patients/[childId]/actions.ts#releaseSummary': {
    targets: idTargets,
    expect: staffAction(charting),
    idField: 'childId',
    input: ({ persona, target }) => chartTarget(persona, target, 'visits'),
  },

  // Staff users: administrators, on staff accounts only.
  'staff/(office)/users/actions.ts#createStaffAccount': {
    targets: once,
    expect: staffAction(admins),
    input: () => {
      const suffix = uniqueSuffix();
      return {
        firstName: 'New',
        lastName: 'Staff',
        userId: `new.staff.${suffix}`,
        email: `new.staff.${suffix}@example.org`,
        roles: ['billing'],
      };
    },
  },
  'staff/(office)/users/actions.ts#changeStaffRoles': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'staffUserId',
    input: async ({ persona, target }) => ({
      staffUserId: await staffAccountId(persona, target),
      roles: ['front_desk'],
    }),
  },
  'staff/(office)/actions.ts#retryUndeliveredEmail': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'mailId',
    input: async ({ persona, target }) => ({ mailId: await mailId(persona, target) }),
  },
  // The fresh staff account has its own password already, so no set-up link may replace it.
  'staff/(office)/users/actions.ts#resendStaffSetupLink': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'declined' : 'not-found')),
    idField: 'staffUserId',
    input: async ({ persona, target }) => ({ staffUserId: await staffAccountId(persona, target) }),
  },
  'staff/(office)/users/actions.ts#disableStaffAccount': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'staffUserId',
    input: async ({ persona, target }) => ({ staffUserId: await staffAccountId(persona, target) }),
  },
  // EHR connections: administrators; own is an enabled client, other one already disabled.
  'staff/(office)/audit/actions.ts#filterAuditTrail': {
    targets: once,
    expect: staffAction(admins),
    input: () => ({ actor: 'nurse', child: 'rivera', from: '2026-01-01', to: '2026-01-31' }),
  },
  'staff/(office)/integrations/actions.ts#registerIntegration': {
    targets: once,
    expect: staffAction(admins),
    input: async () => {
      const { publicKey } = await generateKeyPair('ES384', { extractable: true });
      return {
        name: 'Matrix EHR',
        publicKey: JSON.stringify({ keys: [await exportJWK(publicKey)] }),
        scopes: ['system/*.write'],
      };
    },
  },
  'staff/(office)/integrations/actions.ts#disableIntegration': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'clientId',
    input: async ({ target }) => ({
      clientId: await pick(
        target,
        () => freshIntegrationClient(false),
        () => freshIntegrationClient(true),
      ),
    }),
  },
  'staff/(office)/users/actions.ts#enableStaffAccount': {
    targets: idTargets,
    expect: staffAction(admins, (_p, t) => (t === 'own' ? 'allowed' : 'not-found')),
    idField: 'staffUserId',
    input: async ({ persona, target }) => ({ staffUserId: await staffAccountId(persona, target) }),
  },
};

// ---------------------------------------------------------------------------------------------
// Setting the scene once: the whole file shares one database (tests/setup/database.ts).

beforeAll(async () => {
  const db = testDb();
  const parentA = await createParent(db);
  const parentB = await createParent(db);
  const revoked = await createParent(db);
  const adult = await createParent(db);
  const staff = {
    front_desk: await createStaffMember(db, ['front_desk']),
    clinical: await createStaffMember(db, ['clinical']),
    billing: await createStaffMember(db, ['billing']),
    admin: await createStaffMember(db, ['admin']),
  };
  const spareStaff = await createStaffMember(db, ['billing']);
  const childA = await createChildLinkedTo(db, parentA.id);
  const childB = await createChildLinkedTo(db, parentB.id);
  // Born on 1 January nineteen years ago: past the age of majority (18) whatever today is.
  const adultChild = await createChild(db, {
    dateOfBirth: `${Number(todayInPractice().slice(0, 4)) - 19}-01-01`,
  });
  await db.insert(guardianships).values([
    {
      childId: childA.id,
      guardianUserId: revoked.id,
      relationship: 'Parent',
      status: 'revoked',
      statusReason: 'Court order',
      endedAt: new Date(),
    },
    { childId: adultChild.id, guardianUserId: adult.id, relationship: 'Parent' },
  ]);
  const linkOf = async (child: string, guardian: string) =>
    (
      await db
        .select({ id: guardianships.id })
        .from(guardianships)
        .where(and(eq(guardianships.childId, child), eq(guardianships.guardianUserId, guardian)))
    )[0]!.id;

  world = {
    db,
    sessions: { anonymous: null } as Record<Persona, ActiveSession | null>,
    ids: {
      parentA: parentA.id,
      parentB: parentB.id,
      revoked: revoked.id,
      adult: adult.id,
      front_desk: staff.front_desk.id,
      clinical: staff.clinical.id,
      billing: staff.billing.id,
      admin: staff.admin.id,
    },
    children: { a: childA, b: childB, adult: adultChild },
    links: { a: await linkOf(childA.id, parentA.id), b: await linkOf(childB.id, parentB.id) },
    conversations: {} as World['conversations'],
    tokens: { live: '', ended: '' },
    events: { a: 0, b: 0 },
    spareStaff: spareStaff.id,
    factoryPasswordHash: parentA.passwordHash,
  };
  for (const persona of personas)
    if (persona !== 'anonymous')
      world.sessions[persona] = await openSession(db, {
        id: world.ids[persona],
        kind: isStaff(persona) ? 'staff' : 'parent',
      });

  const specs: Record<keyof World['conversations'], ConversationSpec> = {
    a: { childId: childA.id, guardianUserId: parentA.id, category: 'clinical' },
    aGeneral: { childId: childA.id, guardianUserId: parentA.id, category: 'general' },
    b: { childId: childB.id, guardianUserId: parentB.id, category: 'billing' },
    // Written while their links were live.
    revoked: { childId: childA.id, guardianUserId: revoked.id, category: 'general' },
    adult: { childId: adultChild.id, guardianUserId: adult.id, category: 'general' },
  };
  for (const [name, spec] of Object.entries(specs) as [
    keyof World['conversations'],
    ConversationSpec,
  ][])
    world.conversations[name] = { ...spec, id: await insertConversation(spec) };

  world.tokens.live = (await insertShare(childA.id, parentA.id)).token;
  // Made by the guardian whose access was then removed: the link ended with it.
  world.tokens.ended = (await insertShare(childA.id, revoked.id)).token;

  const adminActor = actorFor(world.sessions.admin!.user);
  for (const [key, child] of [
    ['a', childA.id],
    ['b', childB.id],
  ] as const) {
    await recordChildView(db, adminActor, testMeta, child, 'matrix');
    const [event] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.childId, child));
    world.events[key] = event!.id;
  }
});

afterAll(() => actAs(null));

// ---------------------------------------------------------------------------------------------
// The tests.

const tally: Record<string, number> = {};
let executed = 0;

function plannedCells(rows: Record<string, { targets: readonly Target[] }>): number {
  return Object.values(rows).reduce((sum, row) => sum + row.targets.length * personas.length, 0);
}

async function runRow(
  targets: readonly Target[],
  expectation: Expect,
  visit: (cell: Cell) => Promise<string>,
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const persona of personas) {
    for (const target of targets) {
      const actual = await visit({ persona, target });
      const expected = expectation(persona, target);
      executed += 1;
      tally[actual] = (tally[actual] ?? 0) + 1;
      if (actual !== expected)
        mismatches.push(`${persona} × ${target}: expected ${expected}, got ${actual}`);
    }
  }
  return mismatches;
}

describe('the authorization matrix', () => {
  it('has a row for every page, route handler and server action in app/, and none for anything gone', async () => {
    const found = await discoveredKeys();
    expect(
      {
        missing: found.pages.filter((key) => !(key in pages)),
        stale: Object.keys(pages).filter((key) => !pageFiles.has(key)),
      },
      'pages',
    ).toEqual({ missing: [], stale: [] });
    expect(
      {
        missing: found.routes.filter((key) => !(key in routes)),
        stale: Object.keys(routes).filter((key) => !found.routes.includes(key)),
      },
      'route handlers',
    ).toEqual({ missing: [], stale: [] });
    expect(
      {
        missing: found.actions.filter((key) => !(key in actions)),
        stale: Object.keys(actions).filter((key) => !found.actions.includes(key)),
      },
      'server actions',
    ).toEqual({ missing: [], stale: [] });
  });

  describe('pages', () => {
    it.each(Object.keys(pages))('%s', async (route) => {
      const row = pages[route]!;
      expect(
        await runRow(row.targets, row.expect, (cell) =>
          visitPage(pageFiles.get(route)!, row, cell),
        ),
      ).toEqual([]);
    });
  });

  describe('route handlers', () => {
    it.each(Object.keys(routes))('%s', async (key) => {
      const row = routes[key]!;
      const [method, route] = key.split(' ') as [string, string];
      expect(
        await runRow(row.targets, row.expect, (cell) =>
          visitRoute(routeFiles.get(route)!, method, route, row, cell),
        ),
      ).toEqual([]);
    });
  });

  describe('server actions', () => {
    it.each(Object.keys(actions))('%s', async (key) => {
      const row = actions[key]!;
      const [file, name] = key.split('#') as [string, string];
      const mismatches = await runRow(row.targets, row.expect, async (cell) => {
        const outcome = await callAction(path.join(appDir, file), name, row, cell);
        if (outcome === 'allowed') await row.restore?.(cell);
        return outcome;
      });
      expect(mismatches).toEqual([]);
    });
  });

  it('counts its cells', () => {
    const counts = {
      pages: Object.keys(pages).length,
      routeHandlers: Object.keys(routes).length,
      actions: Object.keys(actions).length,
    };
    const cells = plannedCells(pages) + plannedCells(routes) + plannedCells(actions);
    const line = `authorization matrix: ${cells} cells (${counts.pages} pages, ${counts.routeHandlers} route handlers, ${counts.actions} actions × ${personas.length} visitors × targets)`;
    console.log(line);
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    writeFileSync(
      path.join(root, 'test-results/authorization-matrix.json'),
      `${JSON.stringify({ summary: line, cells, ...counts, visitors: personas, targets: idTargets, outcomes: tally }, null, 2)}\n`,
    );
    expect(executed).toBe(cells);
    expect(cells).toBeGreaterThan(1500);
  });
});
