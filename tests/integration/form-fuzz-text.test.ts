import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { createElement } from 'react';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { ParentRecord } from '@/app/(portal)/children/[childId]/_components/parent-record';
import { ShareLinkList } from '@/app/(portal)/children/[childId]/_components/share-link-list';
import { createShareLink } from '@/app/(portal)/children/[childId]/actions';
import { replyToOffice } from '@/app/(portal)/inbox/actions';
import { sendSecureMessage } from '@/app/(portal)/services/message/actions';
import { signUp } from '@/app/(public)/signup/actions';
import { SignedInHeader } from '@/app/session/_components/signed-in-header';
import { letterTranslator } from '@/app/staff/(office)/_components/letter-language';
import {
  addStaffNote,
  replyToGuardian,
  writeToGuardian,
} from '@/app/staff/(office)/messages/actions';
import { PinLetter } from '@/app/staff/(office)/patients/[childId]/_components/pin-letter';
import { StaffChart } from '@/app/staff/(office)/patients/[childId]/_components/staff-chart';
import { addChartEntry } from '@/app/staff/(office)/patients/[childId]/actions';
import { issueGuardianPin, registerChild } from '@/app/staff/(office)/patients/actions';
import { MessageThread } from '@/components/messaging/message-thread';
import {
  children,
  conversations,
  messages,
  pins,
  rateLimitCounters,
  recordShares,
  users,
} from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import { todayInPractice } from '@/lib/dates';
import { letterWordings } from '@/lib/i18n/letters';
import { translateMessage } from '@/lib/i18n/server';
import { sendNewMessage } from '@/lib/messaging/parent';
import { BODY_MAX, SUBJECT_MAX } from '@/lib/messaging/schemas';
import type { ChildRecord } from '@/lib/records/read';
import { recordSections, type RecordSection } from '@/lib/records/schemas';
import { SHARE_LABEL_MAX } from '@/lib/records/share-lifetimes';
import { sectionTables } from '@/lib/records/write';
import { UNSTORABLE_TEXT_MESSAGE } from '@/lib/storable-text';

import { actAs, uniqueSuffix } from '../factories';
import {
  auditEventsSince,
  auditMarks,
  auditProblems,
  auditTrailProblems,
  FUZZ_SEED,
  FUZZ_TEST_TIMEOUT_MS,
  leafStrings,
  recordFuzzResults,
  rememberTypedText,
  RUNS_PER_FORM,
} from '../fuzz/harness';
import {
  acceptedText,
  documentedNormalization,
  expectRenderedEscaped,
  type TextRule,
} from '../fuzz/text';
import { buildWorld, chartEntryBases, type World } from '../fuzz/world';
import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';

vi.setConfig({ testTimeout: FUZZ_TEST_TIMEOUT_MS });

/**
 * Round trip of free text through the forms that store it: any text the schema accepts is
 * stored exactly as the schema documents (trimmed; an empty optional field is null), reads back
 * unchanged, and renders escaped in the component that shows it. At least 1,000 accepted inputs
 * per form.
 */

vi.mock('@/lib/auth/password', async (importOriginal) =>
  (await import('../fuzz/cheap-passwords')).withCheapHashing(await importOriginal()),
);

const results: { form: string; cases: number; milliseconds: number }[] = [];

/** Runs a form's action and returns its data, or where it redirected; anything but success fails the property. */
async function submit<T>(
  action: (
    input: unknown,
  ) => Promise<{ ok: boolean; data?: T; formError?: string; fieldErrors?: Record<string, string> }>,
  input: unknown,
): Promise<{ data?: T; location?: string }> {
  try {
    const answer = await action(input);
    expect(
      answer.ok,
      `refused text it should accept: ${JSON.stringify(input)} → ${JSON.stringify(answer)}`,
    ).toBe(true);
    return { data: answer.data };
  } catch (error) {
    if (error instanceof TestRedirect) return { location: error.location };
    throw error;
  }
}

async function resetRateLimits() {
  await testDb()
    .delete(rateLimitCounters)
    .where(sql`true`);
}

async function roundTrip<T>(
  form: string,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
) {
  const started = performance.now();
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await resetRateLimits();
      const mark = await auditMarks(testDb());
      await check(value);
      // The text went into the record, never into the audit trail.
      const typed = leafStrings(value);
      for (const event of await auditEventsSince(testDb(), mark))
        expect(auditProblems(event, typed)).toEqual([]);
      rememberTypedText(typed);
      cases += 1;
    }),
    { numRuns: RUNS_PER_FORM, seed: FUZZ_SEED },
  );
  results.push({ form, cases, milliseconds: Math.round(performance.now() - started) });
  expect(cases).toBe(RUNS_PER_FORM);
}

const subject = acceptedText({ max: SUBJECT_MAX });
const body = acceptedText({ max: BODY_MAX, multiline: true });

/** The thread is an async server component: awaited as Next.js would, then rendered. */
async function thread(text: string, kind: 'message' | 'note' = 'message') {
  return MessageThread({
    messages: [
      {
        id: 'm1',
        kind,
        authorKind: 'parent',
        authorName: 'Pat Parent',
        body: text,
        createdAt: new Date(),
      },
    ],
  });
}

async function storedMessage(conversationId: string, idempotencyKey?: string) {
  const [row] = await testDb()
    .select({ body: messages.body })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        idempotencyKey
          ? eq(messages.idempotencyKey, idempotencyKey)
          : isNull(messages.idempotencyKey),
      ),
    );
  return row?.body;
}

/** A new conversation's subject and first message: stored as documented, rendered escaped. */
async function expectConversationStored(
  conversationId: string,
  typed: { subject: string; body: string },
) {
  const [conversation] = await testDb()
    .select({ subject: conversations.subject })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  const stored = { subject: conversation?.subject, body: await storedMessage(conversationId) };
  expect(stored).toEqual({
    subject: documentedNormalization(typed.subject),
    body: documentedNormalization(typed.body),
  });
  expectRenderedEscaped(createElement('h1', null, stored.subject), [stored.subject!]);
  expectRenderedEscaped(await thread(stored.body!), [stored.body!]);
}

describe('free text round-trips through the forms and renders escaped', () => {
  let world: World;
  const fresh = async () => (world = await buildWorld(testDb()));

  it('secure message to the office: subject and body', async () => {
    await fresh();
    await roundTrip(
      'app/(portal)/services/message/actions.ts#sendSecureMessage',
      fc.record({ subject, body }),
      async (typed) => {
        actAs(world.sessions.parent);
        const { location } = await submit(sendSecureMessage, {
          childId: world.child.id,
          category: 'clinical',
          subject: typed.subject,
          body: typed.body,
          idempotencyKey: randomUUID(),
        });
        const conversationId = new URL(location!, 'http://portal.test').searchParams.get(
          'conversation',
        )!;
        await expectConversationStored(conversationId, typed);
      },
    );
  });

  it('reply in the inbox', async () => {
    await fresh();
    await roundTrip('app/(portal)/inbox/actions.ts#replyToOffice', body, async (typed) => {
      // A new conversation each time: the reply reads the whole thread first, which would grow.
      const { conversationId } = await sendNewMessage(
        testDb(),
        world.parent.id,
        {
          childId: world.child.id,
          category: 'general',
          subject: 'Question',
          body: 'Hello',
          idempotencyKey: randomUUID(),
        },
        todayInPractice(),
      );
      actAs(world.sessions.parent);
      const idempotencyKey = randomUUID();
      await submit(replyToOffice, { conversationId, body: typed, idempotencyKey });
      const stored = await storedMessage(conversationId, idempotencyKey);
      expect(stored).toBe(documentedNormalization(typed));
      expectRenderedEscaped(await thread(stored!), [stored!]);
    });
  });

  it.each([
    ['app/staff/(office)/messages/actions.ts#replyToGuardian', replyToGuardian, 'message'],
    ['app/staff/(office)/messages/actions.ts#addStaffNote', addStaffNote, 'note'],
  ] as const)('the office: %s', async (form, action, kind) => {
    await fresh();
    await roundTrip(form, body, async (typed) => {
      actAs(world.sessions.admin);
      const idempotencyKey = randomUUID();
      await submit(action, { conversationId: world.conversationId, body: typed, idempotencyKey });
      const stored = await storedMessage(world.conversationId, idempotencyKey);
      expect(stored).toBe(documentedNormalization(typed));
      expectRenderedEscaped(await thread(stored!, kind), [stored!]);
    });
  });

  it('the office writes first: subject and body', async () => {
    await fresh();
    await roundTrip(
      'app/staff/(office)/messages/actions.ts#writeToGuardian',
      fc.record({ subject, body }),
      async (typed) => {
        actAs(world.sessions.admin);
        const { location } = await submit(writeToGuardian, {
          childId: world.child.id,
          guardianshipId: world.otherLinkId,
          category: 'general',
          subject: typed.subject,
          body: typed.body,
          idempotencyKey: randomUUID(),
        });
        const conversationId = location!.split('/').pop()!;
        await expectConversationStored(conversationId, typed);
      },
    );
  });

  it('chart entries, every section', async () => {
    await fresh();
    // The free-text fields of each section, with the limits of lib/records/schemas.ts.
    const textFields: Record<RecordSection, Record<string, TextRule & { optional?: boolean }>> = {
      allergies: { substance: { max: 200 }, reaction: { max: 300, min: 0, optional: true } },
      medications: { name: { max: 200 }, instructions: { max: 500, min: 0, optional: true } },
      problems: { name: { max: 200 } },
      immunizations: {
        doseNumber: { max: 20, min: 0, optional: true },
        lotNumber: { max: 50, min: 0, optional: true },
        site: { max: 100, min: 0, optional: true },
      },
      visits: {
        clinician: { max: 120, min: 0, optional: true },
        reason: { max: 300, min: 0, optional: true },
        summary: { max: 10_000, min: 0, optional: true, multiline: true },
      },
      measurements: {},
      results: {
        testName: { max: 200 },
        value: { max: 500 },
        units: { max: 40, min: 0, optional: true },
        referenceRange: { max: 100, min: 0, optional: true },
      },
    };
    const sections = recordSections.filter(
      (section) => Object.keys(textFields[section]).length > 0,
    );
    const entry = fc.constantFrom(...sections).chain((section) =>
      fc.record({
        section: fc.constant(section),
        texts: fc.record(
          Object.fromEntries(
            Object.entries(textFields[section]).map(([field, rule]) => [field, acceptedText(rule)]),
          ),
        ),
      }),
    );
    const bases = Object.fromEntries(
      chartEntryBases(world.child.id).map((base) => [base.section, base]),
    );
    await roundTrip(
      'app/staff/(office)/patients/[childId]/actions.ts#addChartEntry',
      entry,
      async ({ section, texts }) => {
        actAs(world.sessions.clinician);
        const { data } = await submit<{ id: string }>(addChartEntry, {
          ...bases[section],
          ...texts,
        });
        const table = sectionTables[section];
        const [row] = await testDb().select().from(table).where(eq(table.id, data!.id));
        const expected = Object.fromEntries(
          Object.entries(texts).map(([field, text]) => [
            field,
            documentedNormalization(text, textFields[section][field]!.optional),
          ]),
        );
        expect(row).toMatchObject(expected);
        const record = Object.fromEntries(
          recordSections.map((name) => [name, name === section ? [row] : []]),
        ) as unknown as ChildRecord;
        const shown = Object.values(expected);
        // An async server component (it reads its words): called as Next.js would.
        expectRenderedEscaped(
          await StaffChart({ childId: world.child.id, record, vaccines: [] }),
          shown,
        );
        expectRenderedEscaped(
          createElement(ParentRecord, {
            childId: world.child.id,
            name: 'Kim',
            record,
            lastWellVisitOn: null,
            nextWellVisit: null,
            vaccineStatus: [],
            locale: 'en',
          }),
          shown,
        );
      },
    );
  });

  it('registering a child: names', async () => {
    await fresh();
    const names = fc.record({
      firstName: acceptedText({ max: 80 }),
      lastName: acceptedText({ max: 80 }),
      preferredName: acceptedText({ max: 80, min: 0 }),
    });
    await roundTrip(
      'app/staff/(office)/patients/actions.ts#registerChild',
      names,
      async (typed) => {
        actAs(world.sessions.frontDesk);
        const { location } = await submit(registerChild, {
          ...typed,
          dateOfBirth: '2020-01-02',
          sex: '',
          mrn: '',
        });
        const childId = location!.match(/\/staff\/patients\/([0-9a-f-]{36})/)![1]!;
        const [child] = await testDb().select().from(children).where(eq(children.id, childId));
        const expected = {
          firstName: documentedNormalization(typed.firstName),
          lastName: documentedNormalization(typed.lastName),
          preferredName: documentedNormalization(typed.preferredName, true),
        };
        expect(child).toMatchObject(expected);
        // The patient page's heading, as app/staff/(office)/patients/[childId]/page.tsx writes it.
        expectRenderedEscaped(
          createElement(
            'h1',
            null,
            child!.lastName,
            ', ',
            child!.firstName,
            child!.preferredName ? ` (“${child!.preferredName}”)` : '',
          ),
          [expected.firstName, expected.lastName, expected.preferredName],
        );
      },
    );
  });

  it('creating an account: the parent’s names', async () => {
    await fresh();
    const names = fc.record({
      firstName: acceptedText({ max: 80 }),
      lastName: acceptedText({ max: 80 }),
    });
    await roundTrip('app/(public)/signup/actions.ts#signUp', names, async (typed) => {
      actAs(null);
      const userId = `fuzz.${uniqueSuffix()}${uniqueSuffix()}`;
      const { location } = await submit(signUp, {
        ...typed,
        userId,
        email: `${userId}@example.org`,
        password: 'granite-willow-sparrow-93',
        confirmPassword: 'granite-willow-sparrow-93',
        hintQuestion: 'first_school',
        hintAnswer: 'Lincoln',
      });
      expect(location).toBe('/welcome');
      const [user] = await testDb()
        .select({ firstName: users.firstName, lastName: users.lastName })
        .from(users)
        .where(eq(users.userId, userId));
      expect(user).toEqual({
        firstName: documentedNormalization(typed.firstName),
        lastName: documentedNormalization(typed.lastName),
      });
      // The header every signed-in page shows.
      expectRenderedEscaped(
        createElement(SignedInHeader, {
          name: `${user!.firstName} ${user!.lastName}`,
          homeHref: '/dashboard',
          links: [],
        }),
        [user!.firstName, user!.lastName],
      );
    });
  });

  it('share link labels', async () => {
    await fresh();
    // The schema's own rule: one line, no control or format characters.
    const label = acceptedText({ max: SHARE_LABEL_MAX, min: 0, refuses: /[\p{Cc}\p{Cf}]/u });
    await roundTrip(
      'app/(portal)/children/[childId]/actions.ts#createShareLink',
      label,
      async (typed) => {
        // At most ten live links per child: the earlier ones are turned off first.
        await testDb()
          .update(recordShares)
          .set({ revokedAt: new Date() })
          .where(and(eq(recordShares.childId, world.child.id), isNull(recordShares.revokedAt)));
        actAs(world.sessions.parent);
        const { data } = await submit<{ url: string }>(createShareLink, {
          childId: world.child.id,
          label: typed,
          validFor: '1d',
        });
        const token = data!.url.split('/share/')[1]!;
        const [share] = await testDb()
          .select()
          .from(recordShares)
          .where(eq(recordShares.tokenHash, hashToken(token)));
        expect(share?.label).toBe(documentedNormalization(typed, true));
        const row = {
          id: share!.id,
          label: share!.label,
          state: 'active' as const,
          createdAt: 'today',
          expiresAt: 'tomorrow',
          endedAt: null,
          hasCode: false,
          openCount: 0,
          lastOpenedAt: null,
          madeByYou: true,
        };
        expectRenderedEscaped(createElement(ShareLinkList, { shares: [row] }), [share!.label]);
      },
    );
  });

  it('text the database cannot store (NUL, half a surrogate pair) is refused next to its field, never stored altered', async () => {
    await fresh();
    const unstorable = fc.oneof(
      fc.constant('\u0000'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    );
    const spoiled = fc
      .tuple(fc.constantFrom('subject' as const, 'body' as const), subject, fc.nat(), unstorable)
      .map(([field, text, at, char]) => {
        const position = at % (text.length + 1);
        return { field, text: `${text.slice(0, position)}${char}${text.slice(position)}` };
      });
    await roundTrip(
      'unstorable text refused (sendSecureMessage)',
      spoiled,
      async ({ field, text }) => {
        actAs(world.sessions.parent);
        const answer = await sendSecureMessage({
          childId: world.child.id,
          category: 'general',
          subject: 'Fine',
          body: 'Fine',
          idempotencyKey: randomUUID(),
          [field]: text,
        });
        expect(answer).toEqual({
          ok: false,
          formError: 'Please correct the highlighted fields.',
          fieldErrors: { [field]: translateMessage('en', UNSTORABLE_TEXT_MESSAGE) },
        });
      },
    );
  });

  it('PIN letters: the name of the person the PIN is for', async () => {
    await fresh();
    const typedNames = fc.record({
      guardianName: acceptedText({ max: 120, min: 2 }),
      relationship: acceptedText({ max: 60, min: 2 }),
    });
    await roundTrip(
      'app/staff/(office)/patients/actions.ts#issueGuardianPin',
      typedNames,
      async (typed) => {
        actAs(world.sessions.frontDesk);
        const { data } = await submit<{
          pinId: string;
          guardianName: string;
          pin: string;
          issuedOn: string;
          expiresOn: string;
          childFirstName: string;
          childDateOfBirth: string;
        }>(issueGuardianPin, {
          childId: world.child.id,
          confirmedDateOfBirth: true,
          confirmedAddressOrPhone: true,
          otherVerification: '',
          ...typed,
        });
        const [pin] = await testDb()
          .select({ name: pins.intendedGuardianName, relationship: pins.intendedRelationship })
          .from(pins)
          .where(eq(pins.id, data!.pinId));
        expect(pin).toEqual({
          name: documentedNormalization(typed.guardianName),
          relationship: documentedNormalization(typed.relationship),
        });
        const letter = {
          ...data!,
          practiceName: 'Practice',
          practicePhone: '555',
          portalUrl: 'http://portal.test',
        };
        expectRenderedEscaped(
          createElement(PinLetter, {
            letter,
            t: letterTranslator('en', letterWordings()),
            locale: 'en',
          }),
          [pin!.name],
        );
      },
    );
  });
});

afterAll(async () => {
  const audit = await auditTrailProblems(testDb());
  const cases = results.reduce((sum, result) => sum + result.cases, 0);
  const milliseconds = results.reduce((sum, result) => sum + result.milliseconds, 0);
  const textForms = results.filter((result) => result.form.includes('#')).length;
  // The forms here are fuzzed in form-fuzz.test.ts as well: their cases count, not their number.
  recordFuzzResults('text-round-trip', {
    forms: 0,
    textForms,
    cases,
    auditEventsChecked: audit.checked,
    milliseconds,
    results,
  });
  console.log(
    `form text round trip: ${textForms} forms, ${cases} accepted inputs stored, read back and rendered (${Math.round(milliseconds / 1000)} s); ${audit.checked} audit events checked`,
  );
  for (const result of results)
    console.log(`  ${result.form}: ${result.cases} cases, ${result.milliseconds} ms`);
  expect(audit.problems).toEqual([]);
});
