import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInParent } from '@/app/(public)/login/actions';
import { signUp } from '@/app/(public)/signup/actions';
import { auditEvents, users } from '@/db/schema';

import { actAs, createParent, FACTORY_PASSWORD, signUpFields } from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

/**
 * A form sent before the page's JavaScript has run is posted by the browser; React hands the
 * server action the previous answer and the posted FormData (useActionState). The same wrapper
 * must check it all the same: origin, schema, audit, redirect.
 */
function postedForm(fields: Record<string, string>): FormData {
  const formData = new FormData();
  // What React adds to a progressively enhanced form: not input.
  formData.set('$ACTION_REF_1', '');
  formData.set('$ACTION_1:0', '{"id":"0123","bound":"$@1"}');
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return formData;
}

const postedSignUp = (overrides: Record<string, string> = {}) => signUpFields('posted', overrides);

async function usersNamed(userId: string): Promise<number> {
  const [row] = await testDb().select({ n: count() }).from(users).where(eq(users.userId, userId));
  return row?.n ?? 0;
}

beforeEach(() => actAs(null));

describe('forms posted without JavaScript', () => {
  it('signs up from posted FormData, audits it and redirects like the script does', async () => {
    const fields = postedSignUp();
    expect(await redirectOf(signUp(null, postedForm(fields)))).toBe('/welcome');
    const [user] = await testDb().select().from(users).where(eq(users.userId, fields.userId));
    expect(user?.email).toBe(fields.email);
    const events = await testDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user!.id));
    expect(events.map((event) => event.action)).toContain('account.created');
  });

  it('signs in from posted FormData after an earlier refusal', async () => {
    const parent = await createParent(testDb());
    const refused = await signInParent(
      null,
      postedForm({ identifier: parent.email, password: 'not-the-password-1' }),
    );
    expect(refused.ok).toBe(false);
    expect(
      await redirectOf(
        signInParent(refused, postedForm({ identifier: parent.email, password: FACTORY_PASSWORD })),
      ),
    ).toBe('/dashboard');
    expect(requestState.cookieSignIns.at(-1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers bad posted input per field, without echoing a secret, and creates nothing', async () => {
    const fields = postedSignUp({ confirmPassword: 'granite-willow-sparrow-94' });
    const result = await signUp(null, postedForm(fields));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: expect.any(String) },
    });
    expect(JSON.stringify(result)).not.toMatch(/granite|Lincoln/);
    expect(await usersNamed(fields.userId)).toBe(0);
  });

  it('reads only the posted form, never the previous answer React passes first', async () => {
    const valid = postedSignUp();
    const result = await signUp(valid, postedForm({ ...valid, email: 'not an email' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
    expect(await usersNamed(valid.userId)).toBe(0);
  });

  it('refuses a post from another site before reading it', async () => {
    actAs(null, { origin: 'https://evil.example' });
    const fields = postedSignUp();
    expect(await signUp(null, postedForm(fields))).toEqual({
      ok: false,
      formError: expect.stringMatching(/could not be verified/),
    });
    expect(await usersNamed(fields.userId)).toBe(0);
  });
});
