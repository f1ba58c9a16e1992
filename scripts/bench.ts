import './load-env';

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/postgres-js';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';

import { connectPostgres, migrateDatabase, type Database } from '@/db';
import * as schema from '@/db/schema';
import { auditReportPage } from '@/lib/audit/report';
import { parseAuditFilters } from '@/lib/audit/report-filters';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import { hashHintAnswer, hashPassword } from '@/lib/auth/password';
import { createSession, lookUpSession } from '@/lib/auth/sessions';
import { todayInPractice } from '@/lib/dates';
import {
  findLinkedChild,
  listChildrenPastMajority,
  listLinkedChildren,
} from '@/lib/guardianship/access';
import {
  countUnreadConversations,
  getGuardianConversation,
  listInbox,
  replyAsGuardian,
} from '@/lib/messaging/parent';
import { listQueue, queueCounts } from '@/lib/messaging/staff';
import { printableImmunizationRecord } from '@/lib/records/immunization-record';
import { readChildRecord } from '@/lib/records/read';
import { listRecordShares } from '@/lib/records/shares';

import { explainQueries, type CapturedQuery, type ExplainedQuery } from './bench/explain';
import { runImportCase, type ImportCaseResult, type PageComparison } from './bench/fhir-import';
import { firstLoadJs } from './bench/first-load-js';
import {
  drive,
  memorySeries,
  percentile,
  sampleGroupMemory,
  type LoadResult,
  type RequestSpec,
} from './bench/load';
import {
  benchPassword,
  practiceSize,
  seedPractice,
  staffRoleCycle,
  type PracticeSize,
} from './bench/seed-practice';

const usage = `Usage: npm run bench -- [--scale 1] [--seconds 15] [--connections 50] [--skip-growth] [--only child,inbox,import,soak,firstload] [--import-patients 1000] [--soak-minutes 10] [--profile] [--keep-database] [--reuse portal_bench_…] [--out bench-results]

Seeds a large practice into a new database on the PostgreSQL server of DATABASE_URL (scale 1:
100,000 children, 150,000 guardians, 300,000 conversations, 1,000,000 messages, 2,000,000
record items, 10,000,000 audit events), starts the production build against it (building it
first if there is none), drives each page with many signed-in parents and staff, and writes
bench-results/latest.md and latest.json. Unless --skip-growth, it then seeds a tenth of the
practice and compares the child summary and Inbox. The databases are dropped at the end.

The import case (\`--only import\` for it alone) registers an integration client, gets a token
with a signed assertion and posts patients made from tests/fixtures/fhir-samples (fresh ids) to
/api/fhir, 1,000 at scale 1 (at least 20), while a child's summary and the staff queue are timed
against their calm values.

The soak (\`--only soak\`, or part of a full run) drives a mix of parent and staff pages and
replies as fast as they go, then at half that rate for --soak-minutes (10), minute by minute.

Ratios are against the reference route (/bench/reference: the root layout and one indexed row,
served only when the benchmark starts the portal with BENCH_REFERENCE_ROUTE=1).`;

const PORT = 3900;
const origin = `http://127.0.0.1:${PORT}`;
const buildDir = path.join(process.cwd(), '.next');

interface Options {
  scale: number;
  seconds: number;
  connections: number;
  growth: boolean;
  keepDatabase: boolean;
  outDir: string;
  /** Route keys to drive (the baseline always runs); for working on one page. */
  only: string[] | null;
  /** Write the server's CPU profile (--cpu-prof) into the output folder. */
  profile: boolean;
  /** A database kept by an earlier --keep-database run at the same scale: no seeding, not dropped. */
  reuse: string | null;
  /** Patients posted by the import case (default: 1,000 × scale, at least 20). */
  importPatients: number | null;
  /** Minutes of the soak at half the mix's maximum rate. */
  soakMinutes: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '15' },
      connections: { type: 'string', default: '50' },
      'skip-growth': { type: 'boolean', default: false },
      'keep-database': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      'import-patients': { type: 'string' },
      'soak-minutes': { type: 'string', default: '10' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) {
      console.error(`--${name} must be a number of at least ${min}.\n\n${usage}`);
      process.exit(2);
    }
    return parsed;
  };
  return {
    scale: number('scale', values.scale, 0.001),
    seconds: number('seconds', values.seconds, 1),
    connections: Math.round(number('connections', values.connections, 1)),
    growth: !values['skip-growth'],
    keepDatabase: values['keep-database'],
    outDir: path.resolve(values.out),
    only: values.only ? values.only.split(',') : null,
    profile: values.profile,
    reuse: values.reuse ?? null,
    importPatients: values['import-patients']
      ? Math.round(number('import-patients', values['import-patients'], 1))
      : null,
    soakMinutes: number('soak-minutes', values['soak-minutes'], 0.1),
  };
}

const log = (line: string) => console.log(line);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// ---------------------------------------------------------------------------------------------
// The people who use the portal during the run: real sessions, opened the way sign-in opens
// them (a row in `sessions`, the token in next-auth's encrypted cookie).

interface Visitor {
  userUuid: string;
  cookie: string;
}

interface Parent extends Visitor {
  n: number;
  childUuid: string;
  conversationUuid: string;
  openConversationUuid: string | null;
}

interface Cast {
  parents: Parent[];
  /** Parents with an open conversation: they send the replies. */
  writers: Parent[];
  clinicians: Visitor[];
  admins: Visitor[];
  /** MRNs of the parents' children, for the audit report filtered by child. */
  mrns: string[];
}

/** The seed's ids (bench_uuid in seed-practice.ts): an md5 with the version-4 and variant digits set. */
const md5uuid = (key: string) => {
  const md5 = createHash('md5').update(key).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

async function sessionCookie(
  db: Database,
  user: { id: string; kind: 'parent' | 'staff' },
  secret: string,
): Promise<string> {
  const { token } = await createSession(db, user, {
    ipAddress: '127.0.0.1',
    userAgent: 'scripts/bench.ts',
    requestId: 'bench',
  });
  const salt = 'authjs.session-token';
  const jwt = await encode({ token: { st: token }, secret, salt, maxAge: 12 * 3600 });
  return `${salt}=${jwt}`;
}

async function openSessions(db: Database, size: PracticeSize, secret: string): Promise<Cast> {
  const P = size.guardians;
  const K = size.conversations;
  const C = size.children;
  const parentCount = Math.min(P, 300);
  // Spread over the whole range: old accounts with long histories and new ones.
  const parentNumbers = Array.from(
    { length: parentCount },
    (_, i) => Math.floor((i * P) / parentCount) + 1,
  );
  // A parent's conversations are k = p, p + P, …; those above 95 % of K are still open.
  const openConversationOf = (p: number) => {
    for (let k = p; k <= K; k += P) if (k > K * 0.95) return md5uuid(`k${k}`);
    return null;
  };
  const writerNumbers: number[] = [];
  for (let p = P; p >= 1 && writerNumbers.length < 300; p--)
    if (openConversationOf(p)) writerNumbers.push(p);

  const parentOf = async (p: number): Promise<Parent> => {
    const userUuid = md5uuid(`p${p}`);
    return {
      n: p,
      userUuid,
      childUuid: md5uuid(`c${((p - 1) % C) + 1}`),
      conversationUuid: md5uuid(`k${p}`),
      openConversationUuid: openConversationOf(p),
      cookie: await sessionCookie(db, { id: userUuid, kind: 'parent' }, secret),
    };
  };
  const parents = await Promise.all(parentNumbers.map(parentOf));
  const writers = await Promise.all(writerNumbers.map(parentOf));
  const staffOf = (role: string) =>
    Promise.all(
      Array.from({ length: size.staff }, (_, i) => i + 1)
        .filter((n) => staffRoleCycle[(n - 1) % staffRoleCycle.length] === role)
        .map(async (n) => ({
          userUuid: md5uuid(`s${n}`),
          cookie: await sessionCookie(db, { id: md5uuid(`s${n}`), kind: 'staff' }, secret),
        })),
    );
  return {
    parents,
    writers,
    clinicians: await staffOf('clinical'),
    admins: await staffOf('admin'),
    mrns: parentNumbers.map((p) => `B${String(((p - 1) % C) + 1).padStart(8, '0')}`),
  };
}

// ---------------------------------------------------------------------------------------------
// The portal under test: the production build, started on its own database.

function ensureBuild(): void {
  if (existsSync(path.join(buildDir, 'BUILD_ID'))) return;
  log('No production build found: running `next build` (once)…');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}

async function startServer(
  databaseUrl: string,
  secrets: Record<string, string>,
  logFile: string,
  profileDir: string | null,
): Promise<ChildProcess> {
  const output = createWriteStream(logFile);
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = spawn(
    process.execPath,
    [
      ...nodeArgs,
      // The portal's own server (what `npm start` runs), not `next start`: see server.mjs.
      'server.mjs',
      '-p',
      String(PORT),
      '-H',
      '127.0.0.1',
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PUBLIC_URL: origin,
        BENCH_REFERENCE_ROUTE: '1',
        // Every simulated person signs in from 127.0.0.1; the per-address limit on tries in
        // flight (100) is for one attacker, not for a whole practice behind one address.
        SIGNIN_IP_FAILURE_LIMIT: '100000',
        ...secrets,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  server.stdout!.pipe(output);
  server.stderr!.pipe(output);
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the portal exited; see ${logFile}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 90_000) throw new Error(`the portal did not start; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the portal and waits for it to exit (a CPU profile is written on the way out). */
async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server?.pid || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

/** The id React gives a server action in this build, so the benchmark can call it as a form does. */
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(buildDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`server action ${exportedName} of ${filename} is not in the build`);
  return found[0];
}

// ---------------------------------------------------------------------------------------------
// Routes

/** Which of issue #22's targets a route is held to (none: shown for scale only). */
type RouteClass = 'parent' | 'staff' | 'login';

interface Route {
  key: string;
  title: string;
  next: () => RequestSpec;
  bodyIsGood?: (body: string) => boolean;
  class?: RouteClass;
}

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function routesFor(cast: Cast, sevenDaysAgo: string, today: string): Route[] {
  const parent = cycle(cast.parents);
  const writer = cycle(cast.writers);
  const clinician = cycle(cast.clinicians);
  const admin = cycle(cast.admins);
  const mrn = cycle(cast.mrns);
  const get = (path: string, visitor: Visitor): RequestSpec => ({
    path,
    headers: { cookie: visitor.cookie },
  });
  /** A page about the next parent's own child or conversation, with that parent's session. */
  const ownPage = (pathOf: (parent: Parent) => string) => () => {
    const p = parent();
    return get(pathOf(p), p);
  };
  const replyAction = actionId('app/(portal)/inbox/actions.ts', 'replyToOffice');
  return [
    {
      key: 'baseline',
      title: 'Baseline: /api/health (select 1)',
      next: () => ({ path: '/api/health', headers: {} }),
    },
    // The floor every page is measured against: the root layout and one indexed row.
    {
      key: 'reference',
      title: 'Reference: minimal page (layout, one row)',
      next: () => ({ path: '/bench/reference', headers: {} }),
      bodyIsGood: (body) => body.includes('<main'),
    },
    {
      key: 'floor',
      title: 'Sign-in page: /login',
      next: () => ({ path: '/login', headers: {} }),
      class: 'login',
    },
    {
      key: 'dashboard',
      title: 'Parent: dashboard',
      next: () => get('/dashboard', parent()),
      class: 'parent',
    },
    {
      key: 'child',
      title: "Parent: a child's summary",
      next: ownPage((p) => `/children/${p.childUuid}`),
      class: 'parent',
    },
    {
      key: 'immunizations',
      title: 'Parent: immunization record',
      next: ownPage((p) => `/children/${p.childUuid}/immunizations/print`),
      class: 'parent',
    },
    {
      key: 'growth',
      title: 'Parent: growth charts',
      next: ownPage((p) => `/children/${p.childUuid}/growth`),
      class: 'parent',
    },
    { key: 'inbox', title: 'Parent: Inbox', next: () => get('/inbox', parent()), class: 'parent' },
    {
      key: 'conversation',
      title: 'Parent: a conversation',
      next: ownPage((p) => `/inbox/${p.conversationUuid}`),
      class: 'parent',
    },
    {
      key: 'send',
      title: 'Parent: send a reply (server action)',
      bodyIsGood: (body) => body.includes('"ok":true'),
      next: () => {
        const p = writer();
        return {
          method: 'POST',
          path: `/inbox/${p.openConversationUuid}`,
          headers: {
            cookie: p.cookie,
            'next-action': replyAction,
            'content-type': 'text/plain;charset=UTF-8',
            accept: 'text/x-component',
            origin,
          },
          body: JSON.stringify([
            {
              conversationId: p.openConversationUuid,
              body: 'Thank you, that helps. We will come on Tuesday.',
              idempotencyKey: randomUUID(),
            },
          ]),
        };
      },
    },
    {
      key: 'queue',
      title: 'Staff: clinical message queue',
      next: () => get('/staff/messages', clinician()),
      class: 'staff',
    },
    {
      key: 'chart',
      title: "Staff: a patient's chart",
      next: () => get(`/staff/patients/${parent().childUuid}`, clinician()),
      class: 'staff',
    },
    {
      key: 'audit',
      title: 'Staff: audit report for one child',
      next: () =>
        get(
          `/staff/audit?${new URLSearchParams({ child: mrn(), from: sevenDaysAgo, to: today })}`,
          admin(),
        ),
      class: 'staff',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Checks that a route really shows what it should before it is timed.

async function checkRoute(route: Route): Promise<void> {
  const spec = route.next();
  const response = await fetch(`${origin}${spec.path}`, {
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    redirect: 'manual',
  });
  const text = await response.text();
  const ok = response.status === 200 && (route.bodyIsGood?.(text) ?? true);
  if (!ok)
    throw new Error(
      `${route.title}: expected 200${route.bodyIsGood ? ' and a good answer' : ''}, got ${response.status} ${response.headers.get('location') ?? ''} ${text.slice(0, 300)}`,
    );
}

// ---------------------------------------------------------------------------------------------
// The sign-in storm: real sign-ins through the login form's action, 10 a second, while the
// Inbox is driven as before.

async function signInStorm(size: PracticeSize, perSecond: number, seconds: number) {
  const signIn = actionId('app/(public)/login/actions.ts', 'signInParent');
  const latencies: number[] = [];
  let failures = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < perSecond * seconds; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const p = ((i * 7919) % size.guardians) + 1;
    pending.push(
      (async () => {
        const begun = performance.now();
        try {
          const response = await fetch(`${origin}/login`, {
            method: 'POST',
            headers: {
              'next-action': signIn,
              'content-type': 'text/plain;charset=UTF-8',
              accept: 'text/x-component',
              origin,
            },
            body: JSON.stringify([{ identifier: `parent${p}`, password: benchPassword }]),
            redirect: 'manual',
          });
          await response.text();
          if (!(response.headers.get('set-cookie') ?? '').includes('session-token')) failures++;
        } catch {
          failures++;
        }
        latencies.push(performance.now() - begun);
      })(),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    attempts: perSecond * seconds,
    failures,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

// ---------------------------------------------------------------------------------------------
// What auditing costs one mutation: the parent's reply (the same domain function as the
// action), with and without its audit event and row-change triggers, on the large database.

async function auditCost(db: Database, sql: postgres.Sql, cast: Cast, operations: number) {
  const workers = cast.writers.slice(0, 8);
  const today = todayInPractice();
  const reply = (tx: Parameters<typeof replyAsGuardian>[0], writer: Parent) =>
    replyAsGuardian(
      tx,
      writer.userUuid,
      {
        conversationId: writer.openConversationUuid!,
        body: 'Measuring the cost of auditing.',
        idempotencyKey: randomUUID(),
      },
      today,
    );
  const run = async (operation: (writer: Parent) => Promise<unknown>) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      workers.map(async (writer) => {
        while (next++ < operations) {
          const begun = performance.now();
          await operation(writer);
          latencies.push(performance.now() - begun);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      opsPerSecond: latencies.length / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
    };
  };
  const tables = ['messages', 'conversations'];
  const unaudited = (writer: Parent) => db.transaction((tx) => reply(tx, writer));
  const audited = (writer: Parent) =>
    auditedTransaction(
      db,
      actorFor({ id: writer.userUuid, kind: 'parent', roles: [] }),
      { ipAddress: '127.0.0.1', userAgent: 'scripts/bench.ts', requestId: randomUUID() },
      async ({ tx, audit }) => {
        const result = await reply(tx, writer);
        await audit({
          action: 'message.replied',
          childId: result.childId,
          targetType: 'conversation',
          targetId: result.conversationId,
          metadata: { messageId: result.messageId },
        });
      },
    );
  for (const table of tables)
    await sql.unsafe(`alter table ${table} disable trigger audit_row_change`);
  await run(unaudited); // warm-up
  const bare = await run(unaudited);
  for (const table of tables)
    await sql.unsafe(`alter table ${table} enable trigger audit_row_change`);
  await run(audited);
  const withAudit = await run(audited);
  return {
    workers: workers.length,
    operations,
    bare,
    audited: withAudit,
    ratio: bare.opsPerSecond / withAudit.opsPerSecond,
  };
}

// ---------------------------------------------------------------------------------------------
// The queries behind each page, captured from the same domain functions the pages call.

async function captureQueries(
  url: string,
  cast: Cast,
  sessionToken: string,
): Promise<{ queries: CapturedQuery[]; close: () => Promise<void> }> {
  const queries: CapturedQuery[] = [];
  let label = '';
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => void queries.push({ label, sql, params }) },
  }) as unknown as Database;
  const parent = cast.parents[Math.floor(cast.parents.length / 2)]!;
  const today = todayInPractice();
  const viewer = { kind: 'guardian' as const, userId: parent.userUuid, today };
  const clinician = { id: cast.clinicians[0]!.userUuid, roles: ['clinical' as const] };
  const steps: [string, () => Promise<unknown>][] = [
    ['session lookup (every page)', () => lookUpSession(db, sessionToken)],
    [
      'unread count (every parent page)',
      () => countUnreadConversations(db, parent.userUuid, today),
    ],
    [
      'dashboard: children',
      () =>
        Promise.all([
          listLinkedChildren(db, parent.userUuid, today),
          listChildrenPastMajority(db, parent.userUuid, today),
        ]),
    ],
    ['child: access check', () => findLinkedChild(db, parent.userUuid, parent.childUuid, today)],
    ['child: record', () => readChildRecord(db, viewer, parent.childUuid)],
    ['child: share links', () => listRecordShares(db, parent.userUuid, parent.childUuid)],
    [
      'immunizations: record',
      async () => {
        const child = await findLinkedChild(db, parent.userUuid, parent.childUuid, today);
        if (child) await printableImmunizationRecord(db, viewer, child, today);
      },
    ],
    ['inbox: page 1', () => listInbox(db, parent.userUuid, today, 1)],
    [
      'conversation: thread',
      () => getGuardianConversation(db, parent.userUuid, parent.conversationUuid, today),
    ],
    ['staff queue: open tab', () => listQueue(db, clinician, 'open', '', 1)],
    ['staff queue: tab counts', () => queueCounts(db, clinician, '')],
    [
      'audit report: one child',
      () => auditReportPage(db, parseAuditFilters({ child: cast.mrns[0]! }, today).filters),
    ],
  ];
  for (const [name, step] of steps) {
    label = name;
    await step();
  }
  return { queries, close: () => client.end() };
}

// ---------------------------------------------------------------------------------------------

interface SizeRun {
  size: PracticeSize;
  seedSeconds: number;
  seedSteps: Record<string, number>;
  routes: (LoadResult & {
    key: string;
    title: string;
    class?: RouteClass;
    ratio: number;
    alone: { p50: number; p99: number };
  })[];
  memory?: { idleMb: number; peakMb: number };
  storm?: { calm: LoadResult; storm: LoadResult; signIns: Awaited<ReturnType<typeof signInStorm>> };
  audit?: Awaited<ReturnType<typeof auditCost>>;
  explain?: ExplainedQuery[];
  fhirImport?: ImportCaseResult;
  firstLoad?: {
    key: string;
    path: string;
    files: number;
    gzipKb: number;
    inlineGzipKb: number;
  }[];
  soak?: Awaited<ReturnType<typeof soak>>;
}

async function benchAtSize(
  options: Options,
  scale: number,
  only: string[] | null,
  full: boolean,
): Promise<SizeRun> {
  const serverUrl = process.env.DATABASE_URL!;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  // The kept database is the main size's; the tenth is always seeded afresh.
  const reuse = scale === options.scale ? options.reuse : null;
  const name = reuse ?? `portal_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const size = practiceSize(scale);
  let server: ChildProcess | undefined;
  let connection: Awaited<ReturnType<typeof connectPostgres>> | undefined;
  const seedClient = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    if (!reuse) await admin.unsafe(`create database ${name}`);
    connection = await connectPostgres(url.toString());
    await migrateDatabase(connection);
    if (reuse) log(`\nReusing ${name} (seeded at this scale by an earlier run)`);
    else
      log(
        `\nSeeding ${name}: ${size.children.toLocaleString()} children, ${size.guardians.toLocaleString()} guardians, ${size.conversations.toLocaleString()} conversations, ${size.messages.toLocaleString()} messages, ${size.recordItems.toLocaleString()} record items, ${size.auditEvents.toLocaleString()} audit events`,
      );
    const seedStarted = performance.now();
    const seedSteps = reuse
      ? {}
      : await seedPractice(seedClient, size, {
          passwordHash: await hashPassword(benchPassword),
          hintAnswerHash: await hashHintAnswer('bench'),
          log,
        });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    if (!reuse) log(`  seeded in ${seedSeconds.toFixed(0)} s`);

    const secrets = {
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      PIN_HMAC_SECRET: randomBytes(32).toString('base64url'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    };
    const cast = await openSessions(connection.db, size, secrets.AUTH_SECRET);
    mkdirSync(options.outDir, { recursive: true });
    server = await startServer(
      url.toString(),
      secrets,
      path.join(options.outDir, `server-${scale}.log`),
      options.profile ? options.outDir : null,
    );
    const memory = sampleGroupMemory(server.pid!);

    const today = todayInPractice();
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const allRoutes = routesFor(cast, weekAgo, today);
    const routes = allRoutes.filter(
      (route) =>
        route.key === 'baseline' || route.key === 'reference' || !only || only.includes(route.key),
    );
    for (const route of routes) await checkRoute(route);
    const results: SizeRun['routes'] = [];
    let referenceRps = 0;
    for (const route of routes) {
      // Warm-up: the first requests load the page's code and fill caches.
      await drive(origin, route.next, {
        connections: Math.min(10, options.connections),
        seconds: Math.min(3, options.seconds),
      });
      const result = await drive(origin, route.next, {
        connections: options.connections,
        seconds: options.seconds,
        bodyIsGood: route.bodyIsGood,
      });
      // One person at a time: what a page costs when nobody queues in front of it.
      const alone = await drive(origin, route.next, {
        connections: 1,
        seconds: Math.min(3, options.seconds),
        bodyIsGood: route.bodyIsGood,
      });
      if (route.key === 'reference') referenceRps = result.rps;
      const ratio = referenceRps ? result.rps / referenceRps : 0;
      results.push({
        ...result,
        key: route.key,
        title: route.title,
        class: route.class,
        ratio,
        alone: { p50: alone.p50, p99: alone.p99 },
      });
      log(
        `  ${route.title.padEnd(42)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(0).padStart(4)} ms  p95 ${result.p95.toFixed(0).padStart(4)} ms  p99 ${result.p99.toFixed(0).padStart(4)} ms  errors ${result.errors}  ${ratio.toFixed(2)}× reference  alone p50 ${alone.p50.toFixed(1)} ms`,
      );
    }
    const run: SizeRun = { size, seedSeconds, seedSteps, routes: results };
    if (only ? only.includes('import') : full) {
      run.fhirImport = await runImportCase({
        origin,
        db: connection.db,
        adminId: cast.admins[0]!.userUuid,
        serverGroup: server.pid!,
        patients: options.importPatients ?? Math.max(20, Math.round(1000 * scale)),
        perBundle: 5,
        posters: 2,
        pages: allRoutes.filter((route) => route.key === 'child' || route.key === 'queue'),
        pageConnections: 2,
        calmSeconds: Math.min(5, options.seconds),
      });
      const fi = run.fhirImport;
      log(
        `  FHIR import: ${fi.created} of ${fi.patients} patients in ${fi.seconds.toFixed(1)} s, ${fi.patientsPerSecond.toFixed(1)} patients/s (${fi.perBundle} a bundle, ${fi.posters} at once, ${fi.failedBundles} bundles refused); portal memory ${fi.memory.beforeMb} MB before, ${fi.memory.firstTenthMb} → ${fi.memory.lastTenthMb} MB (first → last tenth), peak ${fi.memory.peakMb} MB`,
      );
      for (const page of fi.pages)
        for (const way of ['alone', 'together'] as const)
          log(`    ${page.title}, timed ${way}: ${describeComparison(page[way])}`);
    }
    if (only?.includes('firstload')) run.firstLoad = await measureFirstLoad(cast);
    if (only ? only.includes('soak') : full) {
      log(`  Soak: ${options.soakMinutes} min at half the mix's maximum`);
      run.soak = await soak(allRoutes, server.pid!, {
        minutes: options.soakMinutes,
        connections: options.connections,
        seconds: options.seconds,
      });
      const sk = run.soak;
      log(
        `  Soak: ${sk.requests} requests at ${sk.rate}/s (maximum ${sk.maximumRps.toFixed(0)}/s), ${sk.errors} errors, p99 last/first minute ${sk.p99Ratio.toFixed(2)}×, memory last vs second minute ${(sk.memoryChange * 100).toFixed(1)} %`,
      );
    }
    if (full) {
      const inbox = routes.find((route) => route.key === 'inbox')!;
      const calm = results.find((result) => result.key === 'inbox')!;
      const stormSeconds = Math.max(5, options.seconds);
      const [storm, signIns] = await Promise.all([
        drive(origin, inbox.next, { connections: options.connections, seconds: stormSeconds }),
        signInStorm(size, 10, stormSeconds),
      ]);
      run.storm = { calm, storm, signIns };
      log(
        `  Inbox during 10 sign-ins/s: p95 ${storm.p95.toFixed(0)} ms (calm ${calm.p95.toFixed(0)} ms); sign-ins p50 ${signIns.p50.toFixed(0)} ms, p95 ${signIns.p95.toFixed(0)} ms, ${signIns.failures} failed of ${signIns.attempts}`,
      );
      memory.stop();
      run.memory = { idleMb: mb(memory.idleBytes), peakMb: mb(memory.peak()) };
      log(
        `  Portal memory (all its processes): ${run.memory.idleMb} MB idle, ${run.memory.peakMb} MB at peak`,
      );

      run.firstLoad = await measureFirstLoad(cast);
      await stopServer(server);
      server = undefined;

      run.audit = await auditCost(
        connection.db,
        seedClient,
        cast,
        Math.max(200, Math.round(2000 * Math.min(1, options.seconds / 15))),
      );
      log(
        `  Audited reply ${run.audit.audited.opsPerSecond.toFixed(0)} ops/s against ${run.audit.bare.opsPerSecond.toFixed(0)} unaudited: ${run.audit.ratio.toFixed(2)}× the cost`,
      );

      const sessionToken = (
        await createSession(
          connection.db,
          { id: cast.parents[0]!.userUuid, kind: 'parent' },
          { ipAddress: null, userAgent: 'bench', requestId: 'bench' },
        )
      ).token;
      const captured = await captureQueries(url.toString(), cast, sessionToken);
      run.explain = await explainQueries(seedClient, captured.queries, 10_000);
      await captured.close();
      for (const query of run.explain)
        if (query.seqScansOnBigTables.length)
          log(
            `  Sequential scan: ${query.label} reads all of ${query.seqScansOnBigTables.join(', ')}`,
          );
    } else {
      memory.stop();
    }
    return run;
  } finally {
    await stopServer(server);
    await seedClient.end();
    await connection?.close();
    if (!options.keepDatabase && !reuse)
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    else log(`  kept database ${name}`);
    await admin.end();
  }
}

/**
 * The JavaScript of every parent page a browser loads first (forms included), as a parent with
 * a linked child and a conversation sees them. A request's own page needs a request, which the
 * seeded practice has none of; the form to make one is measured instead.
 */
async function measureFirstLoad(cast: Cast): Promise<NonNullable<SizeRun['firstLoad']>> {
  const parent = cast.parents[0]!;
  const pages = [
    ['dashboard', '/dashboard'],
    ['welcome', '/welcome'],
    ['link', '/children/link'],
    ['child', `/children/${parent.childUuid}`],
    ['immunizations', `/children/${parent.childUuid}/immunizations/print`],
    ['share', `/children/${parent.childUuid}/immunizations/share`],
    ['growth', `/children/${parent.childUuid}/growth`],
    ['activity', `/children/${parent.childUuid}/activity`],
    ['inbox', '/inbox'],
    ['conversation', `/inbox/${parent.conversationUuid}`],
    ['send', '/services/message'],
    ['requests', '/services/requests'],
    ['appointment', '/services/requests/new/appointment'],
    ['form', '/services/requests/new/form'],
    ['account', '/account'],
    ['two-step', '/account/two-step'],
  ] as const;
  const measured: NonNullable<SizeRun['firstLoad']> = [];
  for (const [key, pagePath] of pages) {
    const response = await fetch(`${origin}${pagePath}`, {
      headers: { cookie: parent.cookie },
      redirect: 'manual',
    });
    const html = await response.text();
    if (response.status !== 200)
      throw new Error(`${pagePath}: expected 200, got ${response.status}`);
    const { files, gzipBytes, inlineGzipBytes } = firstLoadJs(html, buildDir);
    measured.push({
      key,
      path: pagePath
        .replace(parent.childUuid, '[childId]')
        .replace(parent.conversationUuid, '[conversationId]'),
      files,
      gzipKb: gzipBytes / 1024,
      inlineGzipKb: inlineGzipBytes / 1024,
    });
  }
  return measured;
}

// ---------------------------------------------------------------------------------------------
// The soak: parent and staff pages with a few replies mixed in, first as fast as they go (the
// maximum), then for minutes at half that rate, minute by minute: does anything fail, creep or leak?

/** One request in twenty is a reply; the rest are the timed pages in turn. */
function mixOf(routes: Route[]): () => RequestSpec {
  const pages = routes.filter((route) => route.class === 'parent' || route.class === 'staff');
  const send = routes.find((route) => route.key === 'send')!;
  let i = 0;
  return () => {
    i++;
    return i % 20 === 0 ? send.next() : pages[i % pages.length]!.next();
  };
}

// A page is HTML; a reply's answer must say it was taken (a refusal answers 200 too).
const mixBodyIsGood = (body: string) => body.startsWith('<!DOCTYPE') || body.includes('"ok":true');

async function soak(
  routes: Route[],
  serverGroup: number,
  options: { minutes: number; connections: number; seconds: number },
) {
  const { minutes, connections } = options;
  const next = mixOf(routes);
  const maximum = await drive(origin, next, {
    connections,
    seconds: options.seconds,
    bodyIsGood: mixBodyIsGood,
  });
  const rate = Math.max(1, Math.round(maximum.rps / 2));
  const perMinute: {
    p99: number;
    p50: number;
    errors: number;
    requests: number;
    memoryMb: number;
  }[] = [];
  const slices = Math.max(1, Math.round(minutes));
  const sliceSeconds = Math.round((minutes * 60) / slices);
  for (let minute = 0; minute < slices; minute++) {
    const memory = memorySeries(serverGroup, 1000);
    const result = await drive(origin, next, {
      connections,
      seconds: sliceSeconds,
      rate,
      bodyIsGood: mixBodyIsGood,
    });
    const samples = memory.stop();
    perMinute.push({
      p50: result.p50,
      p99: result.p99,
      errors: result.errors,
      requests: result.requests,
      memoryMb: mb(samples.reduce((sum, bytes) => sum + bytes, 0) / samples.length),
    });
    log(
      `    soak ${minute + 1}/${slices}: ${result.requests} requests, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.errors} errors${result.errors ? ` (answers by status: ${JSON.stringify(result.statusCounts)})` : ''}, memory ${perMinute.at(-1)!.memoryMb} MB`,
    );
  }
  const first = perMinute[0]!;
  const last = perMinute.at(-1)!;
  const second = perMinute[Math.min(1, perMinute.length - 1)]!;
  return {
    minutes: (slices * sliceSeconds) / 60,
    maximumRps: maximum.rps,
    rate,
    errors: perMinute.reduce((sum, m) => sum + m.errors, 0),
    requests: perMinute.reduce((sum, m) => sum + m.requests, 0),
    perMinute,
    p99Ratio: last.p99 / Math.max(1, first.p99),
    memoryChange: last.memoryMb / Math.max(1, second.memoryMb) - 1,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

// Issue #22: each class of page against the reference route, and what one person waits.
const routeTargets: Record<RouteClass, { ratio: number; aloneP50?: number }> = {
  parent: { ratio: 0.5, aloneP50: 6 },
  staff: { ratio: 0.35, aloneP50: 10 },
  login: { ratio: 0.7 },
};

/** "p95 188 ms during vs 112 ms calm: 1.68× (0 errors)", or why there is no figure. */
function describeComparison({ calm, during, ratio }: PageComparison): string {
  if (!during || ratio === null)
    return `p95 ${calm.p95.toFixed(0)} ms calm; the import ended before this page's turn`;
  return `p95 ${during.p95.toFixed(0)} ms during vs ${calm.p95.toFixed(0)} ms calm: ${ratio.toFixed(2)}× (${during.requests} requests, ${during.errors} errors)`;
}

const targets = {
  auditRatio: 1.25,
  soakP99Ratio: 1.5,
  soakMemoryChange: 0.1,
  stormRatio: 2,
  firstLoadKb: 150,
  growthRatio: 1.5,
  importPerSecond: 25,
  importPageRatio: 2,
};

function report(
  options: Options,
  main: SizeRun,
  tenth: SizeRun | null,
  machine: Record<string, string | number>,
) {
  const pass = (ok: boolean) => (ok ? 'yes' : '**no**');
  const lines: string[] = [];
  const size = main.size;
  lines.push(
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cores} cores, ${machine.memoryGb} GB, PostgreSQL ${machine.postgres}, Node ${machine.node}; ${options.connections} connections, ${options.seconds} s per route after a warm-up; load generator on the same machine.`,
  );
  lines.push('');
  lines.push(
    `Practice: ${size.children.toLocaleString('en-US')} children, ${size.guardians.toLocaleString('en-US')} guardians, ${size.conversations.toLocaleString('en-US')} conversations, ${size.messages.toLocaleString('en-US')} messages, ${size.recordItems.toLocaleString('en-US')} record items, ${size.auditEvents.toLocaleString('en-US')} audit events (${options.reuse ? `reused from an earlier run: ${options.reuse}` : `seeded in ${main.seedSeconds.toFixed(0)} s`}).`,
  );
  lines.push('');
  lines.push(
    `| Route | req/s | × reference | p50 ms | p95 ms | p99 ms | errors | alone: p50 / p99 ms | target | met |`,
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const route of main.routes) {
    const target = route.class ? routeTargets[route.class] : null;
    const ok =
      target !== null &&
      route.ratio >= target.ratio &&
      route.errors === 0 &&
      (target.aloneP50 === undefined || route.alone.p50 <= target.aloneP50);
    const targetText = target
      ? `≥ ${target.ratio}×${target.aloneP50 ? `, alone p50 ≤ ${target.aloneP50} ms` : ''}`
      : '';
    lines.push(
      `| ${route.title} | ${route.rps.toFixed(0)} | ${route.ratio.toFixed(2)} | ${route.p50.toFixed(0)} | ${route.p95.toFixed(0)} | ${route.p99.toFixed(0)} | ${route.errors} | ${route.alone.p50.toFixed(1)} / ${route.alone.p99.toFixed(0)} | ${targetText} | ${target ? pass(ok) : ''} |`,
    );
  }
  lines.push('');
  lines.push(
    `Targets (issue #22): requests per second at ${options.connections} connections as a share of the reference route's, with no errors; "alone" is the same route with one connection, the time one person waits when nobody queues ahead.`,
  );
  lines.push('');
  lines.push('| Other measure | Value | Target | Met |');
  lines.push('|---|---|---|---|');
  if (main.memory)
    lines.push(
      `| Portal memory (all its processes) | ${main.memory.idleMb} MB idle, ${main.memory.peakMb} MB peak | | |`,
    );
  if (main.audit) {
    const a = main.audit;
    lines.push(
      `| Audited reply vs the same reply unaudited (${a.workers} writers) | ${a.audited.opsPerSecond.toFixed(0)} vs ${a.bare.opsPerSecond.toFixed(0)} ops/s: ${a.ratio.toFixed(2)}× the cost (p50 ${a.audited.p50.toFixed(1)} vs ${a.bare.p50.toFixed(1)} ms) | ≤ ${targets.auditRatio}× | ${pass(a.ratio <= targets.auditRatio)} |`,
    );
  }
  if (main.soak) {
    const sk = main.soak;
    const first = sk.perMinute[0]!;
    const last = sk.perMinute.at(-1)!;
    const second = sk.perMinute[Math.min(1, sk.perMinute.length - 1)]!;
    lines.push(
      `| Soak: ${sk.minutes.toFixed(1)} min of pages and replies at ${sk.rate} req/s (half of the ${sk.maximumRps.toFixed(0)} req/s maximum) | ${sk.requests.toLocaleString('en-US')} requests, ${sk.errors} errors; p99 ${first.p99.toFixed(0)} ms in the first minute, ${last.p99.toFixed(0)} ms in the last (${sk.p99Ratio.toFixed(2)}×); memory ${second.memoryMb} MB in the second minute, ${last.memoryMb} MB in the last (${(sk.memoryChange * 100).toFixed(1)} %) | 0 errors, p99 ≤ ${targets.soakP99Ratio}×, memory within ${targets.soakMemoryChange * 100} % | ${pass(sk.errors === 0 && sk.p99Ratio <= targets.soakP99Ratio && Math.abs(sk.memoryChange) <= targets.soakMemoryChange)} |`,
    );
  }
  if (main.storm) {
    const s = main.storm;
    // No Inbox answer at all during the storm is the worst result, not a ratio of zero.
    const ratio = s.storm.requests
      ? s.storm.p95 / Math.max(1, s.calm.p95)
      : Number.POSITIVE_INFINITY;
    lines.push(
      `| Inbox p95 during 10 sign-ins/s vs calm | ${s.storm.p95.toFixed(0)} vs ${s.calm.p95.toFixed(0)} ms: ${ratio.toFixed(2)}× (sign-ins: p50 ${s.signIns.p50.toFixed(0)} ms, p95 ${s.signIns.p95.toFixed(0)} ms, ${s.signIns.failures} of ${s.signIns.attempts} failed) | ≤ ${targets.stormRatio}× | ${pass(ratio <= targets.stormRatio)} |`,
    );
  }
  if (main.fhirImport) {
    const fi = main.fhirImport;
    const grew = fi.memory.lastTenthMb / Math.max(1, fi.memory.firstTenthMb);
    lines.push(
      `| FHIR import through /api/fhir (${fi.patients.toLocaleString('en-US')} patients, ${fi.perBundle} a bundle, ${fi.posters} at once) | ${fi.patientsPerSecond.toFixed(1)} patients/s (${fi.created} created in ${fi.seconds.toFixed(0)} s, ${fi.failedBundles} bundles refused) | ≥ ${targets.importPerSecond}/s | ${pass(fi.patientsPerSecond >= targets.importPerSecond && fi.created === fi.patients)} |`,
    );
    lines.push(
      `| Portal memory during the import | ${fi.memory.beforeMb} MB before; ${fi.memory.firstTenthMb} MB in the first tenth, ${fi.memory.lastTenthMb} MB in the last; peak ${fi.memory.peakMb} MB | flat (last ≤ 1.1× first) | ${pass(grew <= 1.1)} |`,
    );
    const ways = { alone: 'timed by itself', together: 'timed with the other pages' } as const;
    for (const page of fi.pages)
      for (const way of ['alone', 'together'] as const) {
        const { ratio, during } = page[way];
        lines.push(
          `| ${page.title} p95 during the import vs calm, ${ways[way]} | ${describeComparison(page[way])} | ≤ ${targets.importPageRatio}× | ${pass(ratio !== null && ratio <= targets.importPageRatio && during?.errors === 0)} |`,
        );
      }
  }
  if (tenth) {
    for (const key of ['child', 'inbox']) {
      const big = main.routes.find((route) => route.key === key)!;
      const small = tenth.routes.find((route) => route.key === key)!;
      const ratio = big.p95 / Math.max(1, small.p95);
      lines.push(
        `| ${big.title} p95, full size vs a tenth | ${big.p95.toFixed(0)} vs ${small.p95.toFixed(0)} ms: ${ratio.toFixed(2)}× | ≤ ${targets.growthRatio}× | ${pass(ratio <= targets.growthRatio)} |`,
      );
    }
  }
  if (main.firstLoad) {
    lines.push('');
    lines.push(
      '| Parent page | First-load JavaScript (gzipped) | Scripts | Inline page data (gzipped) | ≤ 150 kB |',
    );
    lines.push('|---|---:|---:|---:|---|');
    for (const page of main.firstLoad)
      lines.push(
        `| \`${page.path}\` | ${page.gzipKb.toFixed(1)} kB | ${page.files} | ${page.inlineGzipKb.toFixed(1)} kB | ${pass(page.gzipKb <= targets.firstLoadKb)} |`,
      );
  }
  if (main.explain) {
    lines.push('');
    lines.push(
      '| Query (EXPLAIN ANALYZE, BUFFERS) | ms | buffers | sequential scans of big tables |',
    );
    lines.push('|---|---:|---:|---|');
    for (const query of main.explain)
      lines.push(
        `| ${query.label} | ${query.ms.toFixed(2)} | ${query.sharedBlocks} | ${query.seqScansOnBigTables.length ? `**${query.seqScansOnBigTables.join(', ')}**` : 'none'} |`,
      );
  }
  return lines.join('\n');
}

async function main() {
  const options = readOptions();
  if (!process.env.DATABASE_URL) {
    console.error(
      'npm run bench needs DATABASE_URL: a PostgreSQL server where it may create and drop databases (here: postgres://postgres@127.0.0.1:5432/postgres).',
    );
    process.exit(2);
  }
  ensureBuild();
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await admin<
    { version: string }[]
  >`select current_setting('server_version') as version`;
  const version = row?.version ?? 'unknown';
  await admin.end();
  const machine = {
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    postgres: version,
    node: process.versions.node,
  };
  log(`Benchmark at scale ${options.scale} on ${machine.cores} cores, PostgreSQL ${version}.`);

  const main = await benchAtSize(options, options.scale, options.only, !options.only);
  // The growth comparison needs the child summary and Inbox of the full size: a run of other
  // cases alone (--only import) has nothing to compare it with.
  const comparable =
    !options.only || ['child', 'inbox'].every((key) => options.only!.includes(key));
  const tenth =
    options.growth && comparable
      ? await benchAtSize(options, options.scale / 10, ['child', 'inbox'], false)
      : null;
  const markdown = report(options, main, tenth, machine);
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(path.join(options.outDir, 'latest.md'), `${markdown}\n`);
  writeFileSync(
    path.join(options.outDir, 'latest.json'),
    `${JSON.stringify({ options, machine, main, tenth }, null, 2)}\n`,
  );
  log(
    `\n${markdown}\n\nWritten to ${path.relative(process.cwd(), options.outDir)}/latest.md and latest.json.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
