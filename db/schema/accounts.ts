import 'server-only';

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import { staffRoles } from '@/lib/staff/vocabulary';

export const accountKinds = ['parent', 'staff'] as const;
export type AccountKind = (typeof accountKinds)[number];

/**
 * Parents and staff share one table so that sign-in, sessions and auditing have one shape,
 * but `kind` separates them for good: a staff account is never a guardian.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: accountKinds }).notNull(),
    userId: text('user_id').notNull(),
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    hintQuestion: text('hint_question'),
    hintAnswerHash: text('hint_answer_hash'),
    /** "You have a new secure message" emails; a parent can turn them off in account settings. */
    messageEmails: boolean('message_emails').notNull().default(true),
    /** The language chosen for pages and emails (lib/i18n/locales.ts); null until one is chosen, then emails go in English. */
    locale: text('locale'),
    /** Set by an office-issued temporary password: nothing but choosing a new one until it is cleared. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    temporaryPasswordExpiresAt: timestamp('temporary_password_expires_at', { withTimezone: true }),
    /** Two-step verification: the authenticator secret, encrypted with TOTP_ENCRYPTION_KEY (lib/two-step/crypto.ts). */
    totpSecret: text('totp_secret'),
    /** Set when a first code proved the authenticator works; null means two-step verification is off. */
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The 30-second step of the last code accepted: a code from that step or earlier never works again. */
    totpLastUsedStep: integer('totp_last_used_step'),
    /** A secret shown during enrolment, kept until a code confirms it (encrypted like totpSecret). */
    totpPendingSecret: text('totp_pending_secret'),
    totpPendingCreatedAt: timestamp('totp_pending_created_at', { withTimezone: true }),
    failedSignInCount: integer('failed_sign_in_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // A User ID is unique within its door (parents at /login, staff at /staff/login), so the
    // parents' sign-up page cannot be asked which staff User IDs exist.
    uniqueIndex('users_user_id_lower_key').on(table.kind, sql`lower(${table.userId})`),
    uniqueIndex('users_email_lower_key').on(sql`lower(${table.email})`),
    check('users_kind_check', sql`${table.kind} in ('parent', 'staff')`),
    check(
      'users_parent_has_hint',
      sql`${table.kind} <> 'parent' or (${table.hintQuestion} is not null and ${table.hintAnswerHash} is not null)`,
    ),
  ],
);

export const staffRoleAssignments = pgTable(
  'staff_role_assignments',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: staffRoles }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.role] }),
    check(
      'staff_role_assignments_role_check',
      sql`${table.role} in ('front_desk', 'clinical', 'billing', 'admin')`,
    ),
  ],
);

export const sessionEndReasons = [
  'signed_out',
  'idle',
  'expired',
  'account_disabled',
  'password_changed',
  'ended_by_staff',
  'second_factor_failed',
  'second_factor_completed',
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/**
 * The browser's cookie carries a random token; only its SHA-256 is stored here, so a copy of
 * the database cannot be replayed as a live session.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    /**
     * The password was right but the account uses two-step verification: this session can do
     * nothing but enter a code (lib/auth/current.ts treats it as signed out everywhere else).
     */
    awaitingSecondFactor: boolean('awaiting_second_factor').notNull().default(false),
    secondFactorFailures: integer('second_factor_failures').notNull().default(0),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', { enum: sessionEndReasons }),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (table) => [
    uniqueIndex('sessions_token_hash_key').on(table.tokenHash),
    index('sessions_user_active_idx')
      .on(table.userId)
      .where(sql`${table.endedAt} is null`),
  ],
);

export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** "verify" confirms the address an account has; "change" moves the account to a new one. */
    purpose: text('purpose', { enum: ['verify', 'change'] })
      .notNull()
      .default('verify'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('email_verifications_token_hash_key').on(table.tokenHash),
    index('email_verifications_user_idx').on(table.userId),
  ],
);

/**
 * "I forgot my password" links. Only the token's hash is stored; a link works once, for 30
 * minutes, and stops after 5 wrong hint answers.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    wrongHintAnswers: integer('wrong_hint_answers').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('password_resets_token_hash_key').on(table.tokenHash),
    index('password_resets_user_idx').on(table.userId),
  ],
);

/**
 * Ten single-use codes for the day a phone is lost. Only a keyed hash is stored (HMAC with a key
 * derived from TOTP_ENCRYPTION_KEY), so a copy of the database cannot be used to sign in.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('recovery_codes_user_code_key').on(table.userId, table.codeHash)],
);

/**
 * The link in a new staff member's welcome email: they choose their own password with it, then
 * set up two-step verification. Only the token's hash is stored; it works once, for 72 hours,
 * and a newer link for the same person turns older ones off.
 */
export const staffSetupLinks = pgTable(
  'staff_setup_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('staff_setup_links_token_hash_key').on(table.tokenHash),
    index('staff_setup_links_user_idx').on(table.userId),
  ],
);
