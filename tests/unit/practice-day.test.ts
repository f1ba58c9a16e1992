import { describe, expect, it } from 'vitest';

import { startOfPracticeDay } from '@/lib/dates';
import { practiceWallClockToDate } from '@/lib/requests/time';

// The default practice clock is America/New_York (lib/env.ts).
describe('the start of a day on the practice’s clock', () => {
  it.each([
    ['2026-11-29', '2026-11-29T05:00:00.000Z'], // winter: UTC-5
    ['2026-07-01', '2026-07-01T04:00:00.000Z'], // summer: UTC-4
    ['2026-03-08', '2026-03-08T05:00:00.000Z'], // clocks go forward at 2 am: midnight is still winter time
    ['2026-11-01', '2026-11-01T04:00:00.000Z'], // clocks go back at 2 am: midnight is still summer time
    ['2026-11-02', '2026-11-02T05:00:00.000Z'],
  ])('%s begins at %s', (day, instant) => {
    expect(startOfPracticeDay(day).toISOString()).toBe(instant);
  });
});

describe('a time the office typed, on the practice’s clock', () => {
  it.each([
    ['2026-12-02T10:00', '2026-12-02T15:00:00.000Z'], // winter: UTC-5
    ['2026-07-01T09:30', '2026-07-01T13:30:00.000Z'], // summer: UTC-4
    ['2026-03-08T03:00', '2026-03-08T07:00:00.000Z'], // just after clocks go forward
    ['2026-11-01T03:00', '2026-11-01T08:00:00.000Z'], // just after clocks go back
  ])('%s is %s', (local, instant) => {
    expect(practiceWallClockToDate(local)?.toISOString()).toBe(instant);
  });

  it('is nothing for what is not a date and time', () => {
    expect(practiceWallClockToDate('2026-12-02')).toBeNull();
    expect(practiceWallClockToDate('tomorrow at ten')).toBeNull();
  });
});
