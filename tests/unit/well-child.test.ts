import { describe, expect, it } from 'vitest';

import { nextWellChildVisit, wellChildDates, wellChildSchedule } from '@/lib/records/well-child';

const next = (dateOfBirth: string, today: string, lastWellVisitOn: string | null = null) =>
  nextWellChildVisit({ dateOfBirth, today, lastWellVisitOn });
const dueOf = (dateOfBirth: string, label: string) =>
  wellChildDates(dateOfBirth).find((milestone) => milestone.label === label)?.dueOn;

describe('the schedule', () => {
  it('runs from the 3–5 day visit to the 21 year visit', () => {
    const labels = wellChildSchedule.map((milestone) => milestone.label);
    expect(labels).toEqual([
      '3–5 day visit',
      ...[1, 2, 4, 6, 9, 12, 15, 18, 24, 30].map((months) => `${months} month visit`),
      ...Array.from({ length: 19 }, (_, index) => `${index + 3} year visit`),
    ]);
  });

  it('counts every age from the birth date, clamping to the end of short months', () => {
    expect(dueOf('2024-01-31', '1 month visit')).toBe('2024-02-29'); // leap year
    expect(dueOf('2025-01-31', '1 month visit')).toBe('2025-02-28');
    expect(dueOf('2025-01-31', '2 month visit')).toBe('2025-03-31'); // not Mar 28: no accumulated clamping
    expect(dueOf('2025-03-10', '3–5 day visit')).toBe('2025-03-15');
    expect(dueOf('2025-12-29', '3–5 day visit')).toBe('2026-01-03');
  });

  it('puts a Feb 29 birthday on Feb 28 in common years and on Feb 29 in leap years', () => {
    expect(dueOf('2024-02-29', '12 month visit')).toBe('2025-02-28');
    expect(dueOf('2024-02-29', '3 year visit')).toBe('2027-02-28');
    expect(dueOf('2024-02-29', '4 year visit')).toBe('2028-02-29');
  });

  it('opens each window after the previous due date and no earlier than birth', () => {
    for (const dateOfBirth of ['2025-03-10', '2024-01-31', '2024-02-29', '2023-12-31']) {
      const dates = wellChildDates(dateOfBirth);
      expect(dates[0]?.countsFrom).toBe(dateOfBirth);
      dates.slice(1).forEach((milestone, index) => {
        expect(milestone.countsFrom > dates[index]!.dueOn).toBe(true);
        expect(milestone.countsFrom <= milestone.dueOn).toBe(true);
      });
    }
    const dates = wellChildDates('2025-03-10');
    expect(dates.find((milestone) => milestone.label === '1 month visit')?.countsFrom).toBe(
      '2025-03-27',
    ); // 14 days before
    expect(dates.find((milestone) => milestone.label === '12 month visit')?.countsFrom).toBe(
      '2026-02-10',
    ); // a month before
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    expect(() => wellChildDates('2025-02-30')).toThrow(RangeError);
    expect(() => wellChildDates('2025-2-3')).toThrow(RangeError);
    expect(() => next('2025-01-01', '2025-13-01')).toThrow(RangeError);
    expect(() => next('2025-01-01', '2025-02-01', '01/15/2025')).toThrow(RangeError);
  });
});

describe('nextWellChildVisit', () => {
  it('asks for the 3–5 day visit from the day of birth, on time through day 5 and overdue from day 6', () => {
    expect(next('2025-03-10', '2025-03-10')).toEqual({
      label: '3–5 day visit',
      dueOn: '2025-03-15',
      overdue: false,
    });
    expect(next('2025-03-10', '2025-03-15')).toEqual({
      label: '3–5 day visit',
      dueOn: '2025-03-15',
      overdue: false,
    });
    expect(next('2025-03-10', '2025-03-16')).toEqual({
      label: '3–5 day visit',
      dueOn: '2025-03-15',
      overdue: true,
    });
  });

  it('moves a baby never seen on to the 1 month visit when its window opens', () => {
    expect(next('2025-03-10', '2025-03-26')).toEqual({
      label: '3–5 day visit',
      dueOn: '2025-03-15',
      overdue: true,
    });
    expect(next('2025-03-10', '2025-03-27')).toEqual({
      label: '1 month visit',
      dueOn: '2025-04-10',
      overdue: false,
    });
  });

  it('counts a newborn visit, even a late one on day 6, and then asks for 1 month', () => {
    expect(next('2025-03-10', '2025-03-16', '2025-03-14')).toEqual({
      label: '1 month visit',
      dueOn: '2025-04-10',
      overdue: false,
    });
    expect(next('2025-03-10', '2025-03-20', '2025-03-16')).toEqual({
      label: '1 month visit',
      dueOn: '2025-04-10',
      overdue: false,
    });
  });

  it('is due, not overdue, exactly at 1 month, and overdue the day after', () => {
    expect(next('2025-03-10', '2025-04-10', '2025-03-14')).toEqual({
      label: '1 month visit',
      dueOn: '2025-04-10',
      overdue: false,
    });
    expect(next('2025-03-10', '2025-04-11', '2025-03-14')).toEqual({
      label: '1 month visit',
      dueOn: '2025-04-10',
      overdue: true,
    });
  });

  it('counts a visit on a due date for that milestone only', () => {
    expect(next('2025-03-10', '2025-04-10', '2025-04-10')).toEqual({
      label: '2 month visit',
      dueOn: '2025-05-10',
      overdue: false,
    });
  });

  it('handles a month-end birthday', () => {
    expect(next('2025-01-31', '2025-02-20', '2025-02-04')).toEqual({
      label: '1 month visit',
      dueOn: '2025-02-28',
      overdue: false,
    });
    expect(next('2025-01-31', '2025-03-01', '2025-02-04')).toEqual({
      label: '1 month visit',
      dueOn: '2025-02-28',
      overdue: true,
    });
    expect(next('2025-01-31', '2025-03-01', '2025-02-28')).toEqual({
      label: '2 month visit',
      dueOn: '2025-03-31',
      overdue: false,
    });
  });

  it('handles a Feb 29 birthday', () => {
    expect(next('2024-02-29', '2025-02-01', '2024-08-29')).toEqual({
      label: '12 month visit',
      dueOn: '2025-02-28',
      overdue: false,
    });
    expect(next('2024-02-29', '2025-03-01', '2024-08-29')).toEqual({
      label: '12 month visit',
      dueOn: '2025-02-28',
      overdue: true,
    });
    expect(next('2024-02-29', '2028-02-01', '2027-03-01')).toEqual({
      label: '4 year visit',
      dueOn: '2028-02-29',
      overdue: false,
    });
  });

  it('counts an early 12 month visit at 11½ months for 12 months', () => {
    expect(next('2024-06-10', '2025-06-01', '2025-05-25')).toEqual({
      label: '15 month visit',
      dueOn: '2025-09-10',
      overdue: false,
    });
    // More than a month early it was a late 9 month visit, and 12 months is still to come.
    expect(next('2024-06-10', '2025-06-01', '2025-05-09')).toEqual({
      label: '12 month visit',
      dueOn: '2025-06-10',
      overdue: false,
    });
  });

  it('shows a missed 12 month visit as overdue until the 15 month window opens', () => {
    expect(next('2024-06-10', '2025-07-15', '2025-03-10')).toEqual({
      label: '12 month visit',
      dueOn: '2025-06-10',
      overdue: true,
    });
    expect(next('2024-06-10', '2025-08-09', '2025-03-10')).toEqual({
      label: '12 month visit',
      dueOn: '2025-06-10',
      overdue: true,
    });
    expect(next('2024-06-10', '2025-08-10', '2025-03-10')).toEqual({
      label: '15 month visit',
      dueOn: '2025-09-10',
      overdue: false,
    });
  });

  it('goes from the 30 month visit to the 3 year visit', () => {
    expect(next('2022-06-15', '2024-12-20', '2024-12-15')).toEqual({
      label: '3 year visit',
      dueOn: '2025-06-15',
      overdue: false,
    });
    expect(next('2022-06-15', '2025-06-16', '2024-12-15')).toEqual({
      label: '3 year visit',
      dueOn: '2025-06-15',
      overdue: true,
    });
  });

  it('asks a child long out of care for the visit of their age, not the first one missed', () => {
    expect(next('2020-01-15', '2025-03-01', '2020-07-15')).toEqual({
      label: '5 year visit',
      dueOn: '2025-01-15',
      overdue: true,
    });
    expect(next('2020-01-15', '2025-03-01')).toEqual({
      label: '5 year visit',
      dueOn: '2025-01-15',
      overdue: true,
    });
  });

  it('ends with the 21 year visit', () => {
    expect(next('2004-05-01', '2025-05-01', '2024-05-01')).toEqual({
      label: '21 year visit',
      dueOn: '2025-05-01',
      overdue: false,
    });
    expect(next('2004-05-01', '2026-04-30', '2024-05-01')).toEqual({
      label: '21 year visit',
      dueOn: '2025-05-01',
      overdue: true,
    });
    expect(next('2004-05-01', '2025-05-02', '2025-05-01')).toBeNull();
    expect(next('2004-05-01', '2026-05-01', '2024-05-01')).toBeNull(); // 22nd birthday: off the pediatric schedule
  });
});
