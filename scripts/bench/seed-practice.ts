import type { Sql } from 'postgres';

/**
 * A large practice for the benchmark, made by PostgreSQL itself (INSERT … SELECT over
 * generate_series), so that ten million audit events take minutes rather than hours.
 *
 * Every id is `bench_uuid(kind || n)`: random-looking like gen_random_uuid(), so indexes see the
 * same scattered keys as in real use, yet computable from n, so the rows can refer to each
 * other without a lookup. Row i of one table is tied to row j of another by arithmetic:
 *   parent p (1…P) is the guardian of child ((p - 1) % C) + 1: every child has one guardian
 *     and the first half have a second, as in a practice where many families have two;
 *   conversation k (1…K) belongs to parent ((k - 1) % P) + 1, about that parent's child;
 *   message m (1…M) is in conversation ((m - 1) % K) + 1, in turn from parent and office;
 *   audit event e is mostly a record view by parent ((e - 1) % P) + 1 of their own child.
 * Triggers are off while the seed runs (session_replication_role = replica): the rows are
 * history the portal did not write, so they get neither row-change entries nor a hash chain.
 */

export interface PracticeSize {
  children: number;
  guardians: number;
  conversations: number;
  messages: number;
  recordItems: number;
  auditEvents: number;
  staff: number;
}

/** The large practice, scaled: 1 is 100,000 children, 0.1 a tenth of everything. */
export function practiceSize(scale: number): PracticeSize {
  const of = (full: number) => Math.max(1, Math.round(full * scale));
  return {
    children: of(100_000),
    guardians: of(150_000),
    conversations: of(300_000),
    messages: of(1_000_000),
    recordItems: of(2_000_000),
    auditEvents: of(10_000_000),
    staff: 40,
  };
}

/** Portions of the record items, per table; they add up to 1. */
const recordMix = [
  ['immunizations', 0.4],
  ['measurements', 0.25],
  ['visits', 0.2],
  ['test_results', 0.075],
  ['medications', 0.05],
  ['allergies', 0.0125],
  ['problems', 0.0125],
] as const;

export const staffRoleCycle = ['clinical', 'clinical', 'front_desk', 'billing', 'admin'] as const;

/** The benchmark's own password for every seeded account (and the hint answer "bench"). */
export const benchPassword = 'Bench-practice-password-2026';

interface SeedOptions {
  passwordHash: string;
  hintAnswerHash: string;
  log: (line: string) => void;
}

export async function seedPractice(
  sql: Sql,
  size: PracticeSize,
  options: SeedOptions,
): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    timings[name] = Math.round(performance.now() - started);
    options.log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
  };
  const {
    children: C,
    guardians: P,
    conversations: K,
    messages: M,
    auditEvents: E,
    staff: S,
  } = size;

  await sql`
    create or replace function bench_uuid(key text) returns uuid language sql immutable parallel safe
    as $$ select overlay(overlay(md5(key) placing '4' from 13) placing '8' from 17)::uuid $$`;
  await sql`set session_replication_role = replica`;
  await sql`set synchronous_commit = off`;
  await sql`set maintenance_work_mem = '512MB'`;
  await sql`set work_mem = '64MB'`;

  // Secondary indexes are dropped while the rows go in and built again afterwards: one sort
  // per index instead of ten million scattered inserts into each.
  const bigTables = [
    'users',
    'children',
    'guardianships',
    'conversations',
    'messages',
    'audit_events',
    'staff_role_assignments',
    ...recordMix.map(([table]) => table),
  ];
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename = any(${bigTables})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const index of indexes) await sql.unsafe(`drop index "${index.indexname}"`);

  await step('accounts', async () => {
    await sql`
      insert into users (id, kind, user_id, email, email_verified_at, first_name, last_name, password_hash, hint_question, hint_answer_hash, created_at)
      select bench_uuid('p' || n), 'parent', 'parent' || n, 'parent' || n || '@bench.example', now(),
             (array['Ana','Ben','Chloe','Dev','Ema','Farid','Grace','Hugo','Iris','Jamal'])[n % 10 + 1],
             'Family' || (n % 9973), ${options.passwordHash}, 'first_pet', ${options.hintAnswerHash},
             now() - (n % 1000) * interval '1 day'
      from generate_series(1, ${P}::int) n`;
    // Staff have two-step verification on (the portal asks nothing else of them first); the
    // secret is never used because the benchmark opens their sessions directly.
    await sql`
      insert into users (id, kind, user_id, email, email_verified_at, first_name, last_name, password_hash, totp_secret, totp_enabled_at)
      select bench_uuid('s' || n), 'staff', 'staff' || n, 'staff' || n || '@bench.example', now(), 'Staff', 'Member ' || n,
             ${options.passwordHash}, 'bench-not-a-secret', now()
      from generate_series(1, ${S}::int) n`;
    await sql`
      insert into staff_role_assignments (user_id, role)
      select bench_uuid('s' || n), (${staffRoleCycle as unknown as string[]}::text[])[(n - 1) % ${staffRoleCycle.length} + 1]
      from generate_series(1, ${S}::int) n`;
  });

  await step('children and guardians', async () => {
    await sql`
      insert into children (id, first_name, last_name, date_of_birth, sex, mrn, created_at)
      select bench_uuid('c' || n),
             (array['Ava','Leo','Mia','Noah','Zoe','Omar','Lily','Ezra','Nora','Kai','Ruby','Theo'])[n % 12 + 1],
             'Family' || (n % 9973), current_date - ((n * 7919) % 6400 + 30), (array['female','male'])[n % 2 + 1],
             'B' || lpad(n::text, 8, '0'), now() - (n % 1000) * interval '1 day'
      from generate_series(1, ${C}::int) n`;
    await sql`
      insert into guardianships (child_id, guardian_user_id, relationship, linked_at)
      select bench_uuid('c' || ((n - 1) % ${C}::int + 1)), bench_uuid('p' || n), (array['Mother','Father','Grandparent','Guardian'])[n % 4 + 1],
             now() - (n % 900) * interval '1 day'
      from generate_series(1, ${P}::int) n`;
  });

  await step('conversations and messages', async () => {
    // Three years of conversations, the newest for the highest k; about one in twenty still open.
    await sql`
      insert into conversations (id, child_id, guardian_user_id, category, subject, status, started_by, created_at, last_message_at, closed_at)
      select bench_uuid('k' || k), bench_uuid('c' || (((k - 1) % ${P}::int) % ${C}::int + 1)), bench_uuid('p' || ((k - 1) % ${P}::int + 1)),
             (array['clinical','general','billing'])[k % 3 + 1],
             (array['Question about a rash','Refill request','School form','Bill from the last visit','Fever since yesterday','Appointment time'])[k % 6 + 1],
             case when k > ${K}::int * 0.95 then 'open' else 'closed' end,
             case when k % 10 = 0 then 'staff' else 'parent' end,
             now() - (${K}::int - k) * (interval '3 years' / ${K}::int) - interval '2 days',
             now() - (${K}::int - k) * (interval '3 years' / ${K}::int),
             case when k > ${K}::int * 0.95 then null else now() - (${K}::int - k) * (interval '3 years' / ${K}::int) end
      from generate_series(1, ${K}::int) k`;
    await sql`
      insert into messages (id, conversation_id, author_user_id, author_kind, kind, body, created_at, read_by_guardian_at, read_by_staff_at)
      select bench_uuid('m' || m), bench_uuid('k' || ((m - 1) % ${K}::int + 1)),
             case when ((m - 1) / ${K}::int) % 2 = 0 then bench_uuid('p' || (((m - 1) % ${K}::int) % ${P}::int + 1)) else bench_uuid('s' || (m % ${S}::int + 1)) end,
             case when ((m - 1) / ${K}::int) % 2 = 0 then 'parent' else 'staff' end,
             'message',
             repeat('Thank you for the note about the appointment. ', 1 + m % 6),
             now() - (${K}::int - ((m - 1) % ${K}::int + 1)) * (interval '3 years' / ${K}::int) - interval '2 days' + ((m - 1) / ${K}::int) * interval '10 hours',
             case when ((m - 1) / ${K}::int) % 2 = 1 and m % 50 <> 0 then now() - interval '1 day' end,
             case when ((m - 1) / ${K}::int) % 2 = 0 and m % 40 <> 0 then now() - interval '1 day' end
      from generate_series(1, ${M}::int) m`;
  });

  await step('record items', async () => {
    for (const [table, share] of recordMix) {
      const count = Math.max(1, Math.round(size.recordItems * share));
      const child = sql`bench_uuid('c' || ((r - 1) % ${C}::int + 1))`;
      const when = sql`current_date - (r % 2000)`;
      const common = sql`bench_uuid(${table} || r), ${child}, r % 97 = 0, now() - (r % 2000) * interval '1 day'`;
      const series = sql`from generate_series(1, ${count}::int) r`;
      if (table === 'immunizations')
        await sql`insert into immunizations (id, child_id, confidential, created_at, cvx, vaccine_name, administered_on, dose_number, lot_number, site, source)
          select ${common}, (array['20','10','08','03','21','133','116','141'])[r % 8 + 1],
                 (array['DTaP','IPV','Hep B','MMR','Varicella','PCV13','Rotavirus','Influenza'])[r % 8 + 1], ${when}, (r % 4 + 1)::text, 'LOT' || (r % 5000), 'Left thigh', 'given_here' ${series}`;
      else if (table === 'measurements')
        await sql`insert into measurements (id, child_id, confidential, created_at, measured_on, weight_kg, height_cm, head_circumference_cm)
          select ${common}, ${when}, 3 + (r % 60), 50 + (r % 120), null ${series}`;
      else if (table === 'visits')
        await sql`insert into visits (id, child_id, confidential, created_at, visit_on, type, clinician, reason, summary, summary_released_at)
          select ${common}, ${when}, (array['well_child','sick','follow_up','immunization','telehealth'])[r % 5 + 1], 'Dr. Okafor', 'Check-up',
                 'Growing well. Come back for the next check-up.', case when r % 3 = 0 then now() end ${series}`;
      else if (table === 'test_results')
        await sql`insert into test_results (id, child_id, confidential, created_at, test_name, value, units, flag, collected_on, resulted_on, released_at)
          select ${common}, (array['Hemoglobin','Lead level','Strep test'])[r % 3 + 1], (10 + r % 5)::text, 'g/dL',
                 case when r % 20 = 0 then 'abnormal' else 'normal' end, ${when}, ${when}, case when r % 4 <> 0 then now() end ${series}`;
      else if (table === 'medications')
        await sql`insert into medications (id, child_id, confidential, created_at, name, instructions, started_on, status)
          select ${common}, (array['Amoxicillin','Albuterol inhaler','Cetirizine'])[r % 3 + 1], 'As directed', ${when}, (array['active','stopped','completed'])[r % 3 + 1] ${series}`;
      else if (table === 'allergies')
        await sql`insert into allergies (id, child_id, confidential, created_at, substance, reaction, severity, status)
          select ${common}, (array['Peanut','Penicillin','Egg'])[r % 3 + 1], 'Hives', (array['mild','moderate','severe'])[r % 3 + 1], 'active' ${series}`;
      else
        await sql`insert into problems (id, child_id, confidential, created_at, name, status)
          select ${common}, (array['Asthma','Eczema','Ear infections'])[r % 3 + 1], (array['active','resolved'])[r % 2 + 1] ${series}`;
    }
  });

  await step('audit events', async () => {
    // Mostly record views by guardians and staff; some sign-ins and messages. The seeded history
    // carries placeholder chain values (a real chain is a sequential hash over every row); the
    // head is moved past it, so the portal's own new events chain on from there.
    await sql`
      insert into audit_events (id, occurred_at, actor_id, actor_kind, actor_role, action, child_id, target_type, target_id, outcome, ip_address, user_agent, request_id, metadata, txid, chain_seq, prev_hash, hash)
      select e,
             now() - (${E}::bigint - e) * (interval '3 years' / ${E}::bigint),
             case when e % 10 = 0 then bench_uuid('s' || (e % ${S}::int + 1)) else bench_uuid('p' || ((e - 1) % ${P}::int + 1)) end,
             case when e % 10 = 0 then 'staff' else 'parent' end,
             case when e % 10 = 0 then 'clinical' end,
             case when e % 20 = 1 then 'auth.signed_in' when e % 20 = 2 then 'message.sent' else 'record.viewed' end,
             case when e % 20 = 1 then null else bench_uuid('c' || (((e - 1) % ${P}::int) % ${C}::int + 1)) end,
             case when e % 20 = 1 then 'user' else 'child' end,
             case when e % 20 = 1 then null else bench_uuid('c' || (((e - 1) % ${P}::int) % ${C}::int + 1))::text end,
             'success', '203.0.113.' || (e % 250), 'Mozilla/5.0 (bench)', 'seed-' || e,
             case when e % 20 > 2 then jsonb_build_object('section', (array['summary','immunizations','growth','visits'])[e % 4 + 1]) else '{}'::jsonb end,
             e, e, 'seed', 'seed'
      from generate_series(1, ${E}::bigint) e`;
    await sql`select setval(pg_get_serial_sequence('audit_events', 'id'), ${E}::bigint)`;
    await sql`update audit_chain_head set seq = ${E}::bigint, hash = 'seed' where id = 1`;
  });

  await step('indexes', async () => {
    for (const index of indexes) await sql.unsafe(index.indexdef);
  });
  await sql`set session_replication_role = origin`;
  await step('vacuum analyze', () => sql`vacuum (analyze)`);
  return timings;
}
