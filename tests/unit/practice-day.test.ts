import { describe, expect, it } from 'vitest';

import { startOfPracticeDay } from '@/lib/dates';

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
