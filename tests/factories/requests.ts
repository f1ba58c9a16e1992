import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

import { requestForm } from '@/app/(portal)/services/requests/actions';
import type { ActionResult } from '@/lib/action-result';

import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';
import { actAs, createChildLinkedTo, createParent, openSession } from './index';

/** What the request tests (requests, request-files-bucket) share: a family, a PDF, a caller. */

export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const pdfFile = (name = 'school-form.pdf') =>
  new File([PDF], name, { type: 'application/pdf' });

/** A parent linked to a child, signed in. */
export async function family(options: { locale?: 'en' | 'es' } = {}) {
  const db = testDb();
  const parent = await createParent(db, options.locale ? { locale: options.locale } : {});
  const child = await createChildLinkedTo(db, parent.id);
  const session = await openSession(db, parent);
  return { db, parent, child, session };
}

type Outcome =
  | { ok: true; location: string }
  | Exclude<ActionResult<unknown>, { ok: true }>
  | { ok: true; location: null };

/** Calls an action; a success redirects, so its address is the answer. */
export async function call(
  action: (input: unknown) => Promise<ActionResult<unknown>>,
  input: unknown,
): Promise<Outcome> {
  try {
    const result = await action(input);
    return result.ok ? { ok: true, location: null } : result;
  } catch (error) {
    if (error instanceof TestRedirect) return { ok: true, location: error.location };
    throw error;
  }
}

/**
 * Posts a form request with an .exe renamed .pdf, then with an 11 MB file, as the family's
 * parent, and expects each refused with the message shown next to the file field.
 */
export async function expectBadUploadsRefused({
  child,
  session,
}: Pick<Awaited<ReturnType<typeof family>>, 'child' | 'session'>) {
  const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0])], 'form.pdf', {
    type: 'application/pdf',
  });
  const huge = new File([new Uint8Array(11 * 1024 * 1024).fill(0x25)], 'big.pdf', {
    type: 'application/pdf',
  });
  for (const [file, message] of [
    [exe, 'This file is not a PDF, JPEG or PNG. Choose a PDF, JPEG or PNG file.'],
    [huge, 'This file is larger than 10 MB. Choose a smaller file.'],
  ] as const) {
    actAs(session);
    const refused = await call(requestForm, {
      childId: child.id,
      formType: 'school',
      neededBy: '',
      note: '',
      file,
      idempotencyKey: randomUUID(),
    });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { file: message } });
  }
}
