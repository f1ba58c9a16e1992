import { describe, expect, it } from 'vitest';

import { matchVaccineOptions, vaccineOptionLabel } from '@/lib/records/vaccine-match';
import { vaccinePickerOptions } from '@/lib/records/vaccine-picker';

const options = vaccinePickerOptions();
const codes = (query: string, limit = 12) =>
  matchVaccineOptions(options, query, limit).map((option) => option.code);

describe('the staff vaccine picker finds a vaccine', () => {
  it('by common name, in any letter case', () => {
    expect(codes('DTaP')[0]).toBe('20');
    expect(codes('dtap')[0]).toBe('20');
    expect(codes('mmr').slice(0, 2)).toEqual(['03', '94']);
    expect(codes('hep b')).toContain('08');
  });

  it('by CVX code, the exact code first, with or without the leading zero', () => {
    expect(codes('20')[0]).toBe('20');
    expect(codes('3')[0]).toBe('03');
    expect(codes('03')[0]).toBe('03');
  });

  it('by disease, in the words a parent or school uses', () => {
    expect(codes('measles').slice(0, 2).sort()).toEqual(['03', '94']);
    expect(codes('whooping cough')).toContain('20');
    expect(codes('chickenpox')).toContain('21');
  });

  it('keeps a chosen vaccine as the only match, and finds nothing for nonsense', () => {
    const dtap = options.find((option) => option.code === '20')!;
    expect(matchVaccineOptions(options, vaccineOptionLabel(dtap))).toEqual([dtap]);
    expect(codes('zzz-not-a-vaccine')).toEqual([]);
  });

  it('lists pediatric vaccines first when nothing is typed', () => {
    expect(codes('', 3)).toEqual(options.slice(0, 3).map((option) => option.code));
    expect(codes('', 200)).toHaveLength(options.length);
  });
});
