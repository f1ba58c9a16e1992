import 'server-only';

import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { after } from 'next/server';
import type { z } from 'zod';

import { getDb, type Database, type Transaction } from '@/db';
import type { AuditOutcome } from '@/db/schema';
import type { ActionResult } from '@/lib/action-result';
import {
  anonymousActor,
  type Actor,
  type AuditAction,
  type AuditEventInput,
  type RequestMeta,
} from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { unfinishedAccountSetup, unfinishedSetupMessages } from '@/lib/auth/account-setup';
import { actorFor } from '@/lib/auth/actors';
import { getCurrentSession } from '@/lib/auth/current';
import type { ActiveSession } from '@/lib/auth/sessions';
import { AppError, isAppError, isDatabaseUnavailable } from '@/lib/errors';
import { getLocale, translateMessage } from '@/lib/i18n/server';
import { describeError, log } from '@/lib/log';
import { dispatchPendingMailSoon } from '@/lib/mail/dispatcher';
import { enqueueMail, type OutgoingMail } from '@/lib/mail/outbox';
import { countHit } from '@/lib/rate-limit';
import { isSameOriginRequest, requestMetaFrom } from '@/lib/request-context';
import type { StaffRole } from '@/lib/staff/vocabulary';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextFields } from '@/lib/storable-text';

/** Who may call an action. Staff roles are read from the database on every call. */
export type ActionAccess =
  | { kind: 'anyone' }
  | { kind: 'signed-in' }
  | { kind: 'parent' }
  | { kind: 'staff'; roles?: readonly StaffRole[] };

/** Every access but "anyone" guarantees a signed-in session by the time the handler runs. */
type SessionFor<A extends ActionAccess> = A extends { kind: 'anyone' }
  ? ActiveSession | null
  : ActiveSession;

export interface ActionDefinition<S extends z.ZodType, A extends ActionAccess = ActionAccess> {
  /** A stable name for logs and audit metadata, e.g. "accounts.signUp". */
  name: string;
  schema: S;
  access: A;
  /** Written on success in the same transaction as the change. */
  audit?: AuditAction;
  /** Counted before authorization and before any expensive work. */
  rateLimit?: {
    bucket: string;
    limit: number;
    windowSeconds: number;
    per: 'ip' | 'user';
    message?: string;
  };
  /**
   * For forms where someone types a secret (a PIN, a share code): a form refused for its shape
   * is audited too, as this action with reason "malformed", so every failed try shows in the
   * audit trail. It is not counted as a guess: malformed input cannot match any secret.
   */
  auditRefusedInput?: AuditAction;
  /** Allowed before the account's set-up is finished (temporary password, staff two-step enrolment): see lib/auth/account-setup.ts. */
  allowDuringAccountSetup?: boolean;
  /** Extra checks on the parsed input, e.g. that the child belongs to this guardian. Throw AppError to refuse. */
  authorize?: (context: {
    input: z.infer<S>;
    session: ActiveSession | null;
    db: Database;
  }) => Promise<void> | void;
}

interface BaseHandlerArgs<I, A extends ActionAccess = ActionAccess> {
  input: I;
  session: SessionFor<A>;
  actor: Actor;
  meta: RequestMeta;
}

export interface TransactionalHandlerArgs<
  I,
  A extends ActionAccess = ActionAccess,
> extends BaseHandlerArgs<I, A> {
  tx: Transaction;
  /** Adds target and metadata to the definition's audit event. */
  describeAudit(details: Omit<AuditEventInput, 'action' | 'outcome'>): void;
  /** Records an additional audit event in this transaction. */
  audit(event: AuditEventInput): Promise<void>;
  /** Queues an email in this transaction; it is sent only if the change commits. */
  sendMail(mail: OutgoingMail): Promise<void>;
}

export interface SelfAuditedHandlerArgs<
  I,
  A extends ActionAccess = ActionAccess,
> extends BaseHandlerArgs<I, A> {
  db: Database;
}

/** What a handler may return: its data, plus where to send the browser afterwards. */
export interface HandlerOutcome<T> {
  data: T;
  redirectTo?: string;
  /**
   * The event to record instead of the definition's, when the request was answered without the
   * usual change (sign-up with an email that already has an account: nothing is created).
   */
  auditAs?: { action: AuditAction; outcome?: AuditOutcome };
  /**
   * Runs once the change has committed, before the browser is sent on: e.g. handing next-auth a
   * session made in the transaction, which it checks from another connection.
   */
  afterCommit?: () => Promise<unknown>;
}

/**
 * Called two ways with the same checks: by the form hook with the form's values, and by a form
 * that posted before its JavaScript ran (React's useActionState passes the previous result first
 * and the posted FormData second).
 */
type ServerAction<T> = (input: unknown, formData?: FormData) => Promise<ActionResult<T>>;

const ACTION_BRAND = Symbol.for('pediatric-portal.action');

// Catalog keys; `respond` below puts every answer into the reader's language.
const messages = {
  origin: 'errors.origin',
  signedOut: 'errors.signedOut',
  denied: 'errors.notFound',
  invalid: 'errors.correctFields',
  rateLimited: 'errors.rateLimited',
  unavailable: 'errors.recordsUnavailable',
  unexpected: 'errors.unexpected',
} as const;

/**
 * The answer a form shows, in the language of the person who sent it: domain code and schemas
 * speak in catalog keys; a sentence that is not a key is passed through as it is.
 */
async function inReadersLanguage<T>(
  result: ActionResult<T>,
  values?: Record<string, string | number>,
): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const locale = await getLocale();
  return {
    ok: false,
    ...(result.formError !== undefined && {
      formError: translateMessage(locale, result.formError, values),
    }),
    ...(result.fieldErrors && {
      fieldErrors: Object.fromEntries(
        Object.entries(result.fieldErrors).map(([field, message]) => [
          field,
          translateMessage(locale, message, values),
        ]),
      ),
    }),
  };
}

function toPlainInput(rawInput: unknown): unknown {
  if (rawInput instanceof FormData) {
    const entries: Record<string, unknown> = {};
    for (const [key, value] of rawInput.entries()) {
      // React adds $ACTION_ fields to progressively enhanced forms; they are not input. A field
      // named __proto__ would not be a field at all: it would replace the object's prototype
      // (with a posted File, every field the schema reads would come from the File).
      if (!key.startsWith('$ACTION') && key !== '__proto__') entries[key] = value;
    }
    return entries;
  }
  return rawInput;
}

function fieldErrorsFrom(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_form';
    fieldErrors[path] ??= issue.message;
  }
  return fieldErrors;
}

function accessAllows(access: ActionAccess, session: ActiveSession | null): boolean {
  switch (access.kind) {
    case 'anyone':
      return true;
    case 'signed-in':
      return session !== null;
    case 'parent':
      return session?.user.kind === 'parent';
    case 'staff': {
      if (session?.user.kind !== 'staff' || session.user.roles.length === 0) return false;
      const roles = access.roles ?? [];
      return roles.length === 0 || roles.some((role) => session.user.roles.includes(role));
    }
  }
}

/** Audit events about refusals and failures are written in their own transaction: the change itself did not happen. */
async function recordOutsideTransaction(
  actor: Actor,
  meta: RequestMeta,
  event: AuditEventInput,
): Promise<void> {
  try {
    await auditedTransaction(await getDb(), actor, meta, ({ audit }) => audit(event));
  } catch (error) {
    log('error', 'audit_write_failed', {
      requestId: meta.requestId,
      action: event.action,
      ...describeError(error),
    });
  }
}

interface Pipeline<S extends z.ZodType, T> {
  definition: ActionDefinition<S>;
  run: (
    args: BaseHandlerArgs<z.infer<S>>,
    db: Database,
  ) => Promise<{ outcome: HandlerOutcome<T>; mailQueued: boolean }>;
}

/** One call of an action as the pipeline learns about it. */
interface ActionCall<S extends z.ZodType> {
  definition: ActionDefinition<S>;
  rawInput: unknown;
  requestHeaders: Headers;
  meta: RequestMeta;
  /** Anonymous until `allowedAccess` finds the session. */
  actor: Actor;
  session: ActiveSession | null;
}
/** After `parsedInput`: the input the schema accepted. */
interface ParsedCall<S extends z.ZodType> extends ActionCall<S> {
  input: z.infer<S>;
}
type Refusal = Extract<ActionResult<never>, { ok: false }>;
/** A step of the pipeline answers with a refusal, or with nothing to let the call go on. */
type Step<C> = (call: C) => Promise<Refusal | undefined>;

/** An action called from another site (CSRF): refused before the session is even read. */
async function sameOrigin<S extends z.ZodType>(call: ActionCall<S>) {
  if (isSameOriginRequest(call.requestHeaders)) return undefined;
  await recordDenied(call, 'origin');
  return { ok: false as const, formError: messages.origin };
}

/** The session, and whether the definition's access lets it in. Sets the call's actor. */
async function allowedAccess<S extends z.ZodType>(call: ActionCall<S>) {
  call.session = await getCurrentSession();
  if (call.session) call.actor = actorFor(call.session.user);
  if (accessAllows(call.definition.access, call.session)) return undefined;
  await recordDenied(call, call.session ? 'role' : 'signed_out');
  return { ok: false as const, formError: call.session ? messages.denied : messages.signedOut };
}

/** A temporary password or a missing staff two-step enrolment allows only the set-up actions. */
async function finishedAccountSetup<S extends z.ZodType>(call: ActionCall<S>) {
  const unfinished = call.session ? unfinishedAccountSetup(call.session.user) : null;
  if (!unfinished || call.definition.allowDuringAccountSetup) return undefined;
  await recordDenied(call, unfinished);
  return { ok: false as const, formError: unfinishedSetupMessages[unfinished] };
}

/** The schema's verdict, with a message per field; text the database cannot store is refused first. */
async function parsedInput<S extends z.ZodType>(
  call: ActionCall<S>,
): Promise<Refusal | { ok: true; input: z.infer<S> }> {
  const { definition } = call;
  const plainInput = toPlainInput(call.rawInput);
  // Before the schema, for every form at once: NUL or half a surrogate pair would make the
  // query fail (an error page) or be stored as something else than what was sent.
  const unstorable = unstorableTextFields(plainInput);
  const parsed = unstorable.length > 0 ? null : definition.schema.safeParse(plainInput);
  if (parsed?.success) return { ok: true, input: parsed.data as z.infer<S> };
  const fieldErrors = parsed
    ? fieldErrorsFrom(parsed.error)
    : Object.fromEntries(unstorable.map((field) => [field, UNSTORABLE_TEXT_MESSAGE]));
  if (definition.auditRefusedInput) {
    await recordOutsideTransaction(call.actor, call.meta, {
      action: definition.auditRefusedInput,
      outcome: 'denied',
      metadata: { action: definition.name, reason: 'malformed' },
    });
  }
  return { ok: false, formError: fieldErrors._form ?? messages.invalid, fieldErrors };
}

/** Counted per address or per user, before authorization and any expensive work. */
async function withinRateLimit<S extends z.ZodType>(call: ParsedCall<S>) {
  const { definition, meta, session } = call;
  if (!definition.rateLimit) return undefined;
  const { bucket, limit, windowSeconds, per } = definition.rateLimit;
  const key = per === 'user' ? (session?.user.id ?? meta.ipAddress) : meta.ipAddress;
  if (!key) return undefined;
  const hits = await auditedTransaction(await getDb(), call.actor, meta, ({ tx }) =>
    countHit(tx, `${bucket}:${per}:${key}`, windowSeconds),
  );
  if (hits <= limit) return undefined;
  await recordDenied(call, 'rate_limited');
  return { ok: false as const, formError: definition.rateLimit.message ?? messages.rateLimited };
}

/** The definition's own checks on the parsed input; they refuse by throwing an AppError. */
async function authorizedInput<S extends z.ZodType>(call: ParsedCall<S>) {
  await call.definition.authorize?.({
    input: call.input,
    session: call.session,
    db: await getDb(),
  });
  return undefined;
}

/** The pipeline, in order: each step may refuse the call, and none after it runs. */
const beforeParsing = [sameOrigin, allowedAccess, finishedAccountSetup] as const;
const afterParsing = [withinRateLimit, authorizedInput] as const;

async function firstRefusal<C>(steps: readonly Step<C>[], call: C): Promise<Refusal | undefined> {
  for (const step of steps) {
    const refusal = await step(call);
    if (refusal) return refusal;
  }
  return undefined;
}

function recordDenied<S extends z.ZodType>(call: ActionCall<S>, reason: string): Promise<void> {
  return recordOutsideTransaction(call.actor, call.meta, {
    action: 'action.denied',
    outcome: 'denied',
    metadata: { action: call.definition.name, reason },
  });
}

/**
 * A thrown error as the form's answer: an AppError says its own message, a database that does
 * not answer says so, anything else is logged and audited and shows a reference to quote.
 */
async function failureAnswer<S extends z.ZodType>(
  call: ActionCall<S>,
  error: unknown,
  setValues: (values: Record<string, string | number>) => void,
): Promise<Refusal> {
  const { definition, meta } = call;
  if (isAppError(error)) {
    if (error.code === 'forbidden' || error.code === 'not_found')
      await recordDenied(call, error.code);
    if (error.values) setValues(error.values);
    return { ok: false, formError: error.message, fieldErrors: error.fieldErrors };
  }
  const details = { requestId: meta.requestId, action: definition.name, ...describeError(error) };
  if (isDatabaseUnavailable(error)) {
    log('error', 'database_unavailable', details);
    return { ok: false, formError: messages.unavailable };
  }
  log('error', 'action_failed', details);
  await recordOutsideTransaction(call.actor, meta, {
    action: 'action.failed',
    outcome: 'error',
    metadata: { action: definition.name },
  });
  setValues({ reference: meta.requestId.slice(0, 8) });
  return { ok: false, formError: messages.unexpected };
}

/** The steps, then the handler; the answer, then the redirect once the change has committed. */
async function answerCall<S extends z.ZodType, T>(
  { run }: Pipeline<S, T>,
  call: ActionCall<S>,
  setValues: (values: Record<string, string | number>) => void,
): Promise<ActionResult<T>> {
  let redirectTo: string | undefined;
  let result: ActionResult<T>;
  try {
    const refused = await firstRefusal(beforeParsing, call);
    if (refused) return refused;
    const parsed = await parsedInput(call);
    if (!parsed.ok) return parsed;
    const parsedCall: ParsedCall<S> = { ...call, input: parsed.input };
    const refusedAfter = await firstRefusal(afterParsing, parsedCall);
    if (refusedAfter) return refusedAfter;
    const { input, session, actor, meta } = parsedCall;
    const { outcome, mailQueued } = await run({ input, session, actor, meta }, await getDb());
    if (mailQueued) after(() => dispatchPendingMailSoon());
    await outcome.afterCommit?.();
    redirectTo = outcome.redirectTo;
    result = { ok: true, data: outcome.data };
  } catch (error) {
    unstable_rethrow(error);
    return failureAnswer(call, error, setValues);
  }
  // Outside the try: redirect() works by throwing, and the change has already committed.
  if (redirectTo) redirect(redirectTo);
  return result;
}

function buildAction<S extends z.ZodType, T>(pipeline: Pipeline<S, T>): ServerAction<T> {
  const action: ServerAction<T> = async (first, formData) => {
    const requestHeaders = await headers();
    const call: ActionCall<S> = {
      definition: pipeline.definition,
      rawInput: formData instanceof FormData ? formData : first,
      requestHeaders,
      meta: requestMetaFrom(requestHeaders),
      actor: anonymousActor,
      session: null,
    };
    let values: Record<string, string | number> | undefined;
    const answer = await answerCall(pipeline, call, (more) => (values = more));
    return inReadersLanguage(answer, values);
  };
  Object.defineProperty(action, ACTION_BRAND, { value: pipeline.definition.name });
  return action;
}

/**
 * The one way to build a server action that changes data: session → same-origin check → text
 * the database cannot store refused → zod parse → rate limit → authorization → one transaction
 * holding the change, its audit event and any email → a typed result the form shows next to
 * its fields.
 */
export function defineAction<S extends z.ZodType, A extends ActionAccess, T>(
  definition: ActionDefinition<S, A> & { audit: AuditAction },
  handler: (args: TransactionalHandlerArgs<z.infer<S>, A>) => Promise<HandlerOutcome<T>>,
): ServerAction<T> {
  return buildAction<S, T>({
    definition,
    run: async (pipelineArgs, db) => {
      // The pipeline has already refused visitors this access does not allow.
      const args = { ...pipelineArgs, session: pipelineArgs.session as SessionFor<A> };
      let mailQueued = false;
      const outcome = await auditedTransaction(db, args.actor, args.meta, async ({ tx, audit }) => {
        let details: Omit<AuditEventInput, 'action' | 'outcome'> = {};
        const handled = await handler({
          ...args,
          tx,
          audit,
          describeAudit: (more) => {
            details = { ...details, ...more, metadata: { ...details.metadata, ...more.metadata } };
          },
          sendMail: async (mail) => {
            await enqueueMail(tx, mail);
            mailQueued = true;
          },
        });
        await audit({
          action: definition.audit,
          ...handled.auditAs,
          ...details,
          metadata: { action: definition.name, ...details.metadata },
        });
        return handled;
      });
      return { outcome, mailQueued };
    },
  });
}

/**
 * For the few actions whose domain function must commit its own audited transactions even
 * when it fails (sign-in counts failed attempts and locks accounts). Everything else in the
 * pipeline is the same.
 */
export function defineSelfAuditedAction<S extends z.ZodType, A extends ActionAccess, T>(
  definition: ActionDefinition<S, A>,
  handler: (args: SelfAuditedHandlerArgs<z.infer<S>, A>) => Promise<HandlerOutcome<T>>,
): ServerAction<T> {
  return buildAction<S, T>({
    definition,
    run: async (args, db) => ({
      outcome: await handler({ ...args, session: args.session as SessionFor<A>, db }),
      mailQueued: false,
    }),
  });
}

export function isBuiltWithDefineAction(value: unknown): boolean {
  return (
    typeof value === 'function' &&
    typeof (value as unknown as Record<symbol, unknown>)[ACTION_BRAND] === 'string'
  );
}

export { AppError };
