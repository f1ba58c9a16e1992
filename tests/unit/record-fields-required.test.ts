import { describe, expect, it } from 'vitest';

import { sectionFields } from '@/lib/records/fields';
import { recordEntrySchema, type RecordSection } from '@/lib/records/schemas';

/** The chart form marks with an asterisk exactly the fields its schema refuses to go without. */
describe('chart entry fields marked required', () => {
  it.each(Object.keys(sectionFields) as RecordSection[])('%s', (section) => {
    const fields = sectionFields[section];
    const blank = Object.fromEntries(
      fields.map((field) => [
        field.name,
        field.kind === 'select' ? (field.options?.[0]?.[0] ?? '') : '',
      ]),
    );
    const parsed = recordEntrySchema.safeParse({
      ...blank,
      section,
      childId: '00000000-0000-4000-8000-000000000000',
      entryId: '',
      confidential: false,
    });
    const refused = new Set(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.')));
    const marked = fields.filter((field) => field.required).map((field) => field.name);
    expect(marked.sort()).toEqual(
      fields
        .map((field) => field.name)
        .filter((name) => refused.has(name))
        .sort(),
    );
  });
});
