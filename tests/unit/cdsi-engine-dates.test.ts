import { describe, expect, it } from 'vitest';

import { addText, fromDay, toDay } from '@/lib/cdsi/dates';
import { addCdsiDuration, parseCdsiDuration } from '@/lib/records/cdsi-dates';

describe('CDSi engine dates (integer arithmetic)', () => {
  it('moves a day missing in the month reached to the first of the next month (CALCDT-5)', () => {
    expect(fromDay(addText(toDay('2024-01-31'), '1 month')!)).toBe('2024-03-01');
    expect(fromDay(addText(toDay('2024-02-29'), '1 year')!)).toBe('2025-03-01');
    expect(fromDay(addText(toDay('2024-03-31'), '6 months - 4 days')!)).toBe('2024-09-27');
    expect(addText(toDay('2024-03-31'), undefined)).toBeNull();
  });

  it('agrees with the reference date arithmetic on every day of four years, for every kind of age', () => {
    const ages = ['0 days', '6 weeks - 4 days', '1 month', '2 months', '12 months - 4 days'];
    ages.push('4 years', '7 months + 4 weeks', '16 years - 4 months', '28 days', '-1 years');
    for (let day = toDay('2023-01-01'); day < toDay('2027-01-01'); day++) {
      const date = fromDay(day);
      for (const age of ages)
        expect(fromDay(addText(day, age)!), `${date} + ${age}`).toBe(
          addCdsiDuration(date, parseCdsiDuration(age)),
        );
    }
  });
});
