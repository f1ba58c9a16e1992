import 'server-only';

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
} from 'drizzle-orm/pg-core';

import {
  activeResolved,
  allergySeverities,
  immunizationSources,
  medicationStatuses,
  resultFlags,
  visitTypes,
} from '@/lib/records/vocabulary';

import { users } from './accounts';
import { children } from './children';

/**
 * The child's health record, one table per section. Every row has the same bookkeeping:
 * who wrote it, a `confidential` flag (adolescent care a guardian must never see or count),
 * and removal with a reason instead of deletion, so the chart keeps its history.
 */
function recordColumns() {
  return {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    confidential: boolean('confidential').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'restrict' }),
    removalReason: text('removal_reason'),
    /**
     * Where an imported entry came from (lib/fhir): the sending system and the resource's key
     * there, so a bundle sent twice updates the same row instead of adding another. Null for
     * entries charted in the portal. `sourceHash` tells an unchanged resource from a changed one.
     */
    sourceSystem: text('source_system'),
    sourceId: text('source_id'),
    sourceHash: text('source_hash'),
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }),
  };
}

function recordTable<T extends Record<string, PgColumnBuilderBase>>(
  name: string,
  columns: T,
  checks: (table: Record<string, never>) => ReturnType<typeof check>[] = () => [],
) {
  return pgTable(name, { ...recordColumns(), ...columns }, (table) => [
    index(`${name}_child_idx`).on(table.childId),
    uniqueIndex(`${name}_source_key`)
      .on(table.childId, table.sourceSystem, table.sourceId)
      .where(sql`${table.sourceId} is not null`),
    check(
      `${name}_source_complete`,
      sql`(${table.sourceId} is null) = (${table.sourceSystem} is null)`,
    ),
    check(
      `${name}_removal_has_reason`,
      sql`${table.removedAt} is null or ${table.removalReason} is not null`,
    ),
    ...checks(table as never),
  ]);
}

export const allergies = recordTable('allergies', {
  substance: text('substance').notNull(),
  reaction: text('reaction'),
  severity: text('severity', { enum: allergySeverities }).notNull(),
  status: text('status', { enum: activeResolved }).notNull().default('active'),
  notedOn: date('noted_on', { mode: 'string' }),
});

export const medications = recordTable('medications', {
  name: text('name').notNull(),
  instructions: text('instructions'),
  startedOn: date('started_on', { mode: 'string' }),
  endedOn: date('ended_on', { mode: 'string' }),
  status: text('status', { enum: medicationStatuses }).notNull().default('active'),
});

export const problems = recordTable('problems', {
  name: text('name').notNull(),
  onsetOn: date('onset_on', { mode: 'string' }),
  status: text('status', { enum: activeResolved }).notNull().default('active'),
});

export const immunizations = recordTable('immunizations', {
  /** CDC CVX code (lib/records/data/cvx.json), leading zeros kept. */
  cvx: text('cvx').notNull(),
  vaccineName: text('vaccine_name').notNull(),
  administeredOn: date('administered_on', { mode: 'string' }).notNull(),
  doseNumber: text('dose_number'),
  lotNumber: text('lot_number'),
  site: text('site'),
  source: text('source', { enum: immunizationSources }).notNull().default('given_here'),
  /** A dose the EHR records as not given (FHIR status not-done): staff see it as refused. */
  refused: boolean('refused').notNull().default(false),
});

export const visits = recordTable('visits', {
  visitOn: date('visit_on', { mode: 'string' }).notNull(),
  type: text('type', { enum: visitTypes }).notNull(),
  clinician: text('clinician'),
  reason: text('reason'),
  /** The after-visit summary; parents see it only once a clinician releases it. */
  summary: text('summary'),
  summaryReleasedAt: timestamp('summary_released_at', { withTimezone: true }),
  summaryReleasedBy: uuid('summary_released_by').references(() => users.id, {
    onDelete: 'restrict',
  }),
});

export const measurements = recordTable('measurements', {
  measuredOn: date('measured_on', { mode: 'string' }).notNull(),
  weightKg: numeric('weight_kg', { precision: 6, scale: 3, mode: 'number' }),
  heightCm: numeric('height_cm', { precision: 5, scale: 1, mode: 'number' }),
  headCircumferenceCm: numeric('head_circumference_cm', { precision: 4, scale: 1, mode: 'number' }),
});

export const testResults = recordTable('test_results', {
  testName: text('test_name').notNull(),
  value: text('value').notNull(),
  units: text('units'),
  referenceRange: text('reference_range'),
  flag: text('flag', { enum: resultFlags }).notNull().default('normal'),
  collectedOn: date('collected_on', { mode: 'string' }),
  resultedOn: date('resulted_on', { mode: 'string' }),
  /** Hidden from parents until a clinician releases the result. */
  releasedAt: timestamp('released_at', { withTimezone: true }),
  releasedBy: uuid('released_by').references(() => users.id, { onDelete: 'restrict' }),
  releaseComment: text('release_comment'),
});

/**
 * A guardian's time-limited link to the child's immunization record, for a school nurse,
 * daycare or camp. The link's token and its optional 4-digit code exist only on the guardian's
 * screen: the table keeps a SHA-256 of the token and an HMAC of the code (keyed, so 10,000
 * possible codes cannot be tried against a copied table).
 */
export const recordShares = pgTable(
  'record_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Who it is for, in the guardian's words ("School nurse"), so they can tell links apart. */
    label: text('label'),
    tokenHash: text('token_hash').notNull(),
    accessCodeHmac: text('access_code_hmac'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'restrict' }),
    failedCodeAttempts: integer('failed_code_attempts').notNull().default(0),
    openCount: integer('open_count').notNull().default(0),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('record_shares_token_hash_key').on(table.tokenHash),
    index('record_shares_child_idx').on(table.childId, table.createdAt),
    check(
      'record_shares_lifetime',
      sql`${table.expiresAt} > ${table.createdAt} and ${table.expiresAt} <= ${table.createdAt} + interval '7 days 1 minute'`,
    ),
  ],
);
