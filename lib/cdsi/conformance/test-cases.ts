import 'server-only';

/**
 * Reads CDC's CDSi test-case CSV (the layout of `Test-Case-Layout-v4.45.csv`) and runs each case
 * through the engine, for `npm run cdsi:check` and the conformance test.
 */
import { cdsiForecast, cdsiVaccineGroups, type CdsiGender } from '../index';

export type CdsiTestCase = {
  id: string;
  name: string;
  dateOfBirth: string;
  gender: CdsiGender;
  seriesStatus: string;
  doses: {
    administeredOn: string;
    cvx: string;
    mvx: string;
    expectedStatus: string;
    expectedReason: string;
  }[];
  forecastNumber: string;
  earliest: string;
  recommended: string;
  pastDue: string;
  group: string;
  assessmentDate: string;
};

export type CdsiCaseOutcome =
  | { id: string; unsupported: true }
  | {
      id: string;
      group: string;
      status: string;
      forecastNumber: number | '-';
      earliest: string;
      recommended: string;
      pastDue: string;
    };

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** CDC's workbook writes MM/DD/YYYY; the converted CSV writes YYYY-MM-DD. Both are read. */
function isoDate(value: string): string {
  const text = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : text;
}

export function readTestCases(csv: string): CdsiTestCase[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const column = (name: string) => {
    const index = header.findIndex((cell) => cell.trim().toLowerCase() === name.toLowerCase());
    if (index < 0) throw new Error(`The test-case file has no ${name} column`);
    return index;
  };
  const at = (row: string[], name: string) => (row[column(name)] ?? '').trim();
  return rows.map((row) => {
    const doses: CdsiTestCase['doses'] = [];
    for (let n = 1; n <= 7; n++) {
      const date = at(row, `Date_Administered_${n}`);
      if (!date) continue;
      doses.push({
        administeredOn: isoDate(date),
        cvx: at(row, `CVX_${n}`),
        mvx: at(row, `MVX_${n}`),
        expectedStatus: at(row, `Evaluation_Status_${n}`),
        expectedReason: at(row, `Evaluation_Reason_${n}`),
      });
    }
    const gender = at(row, 'Gender').toUpperCase();
    return {
      id: at(row, 'CDC_Test_ID'),
      name: at(row, 'Test_Case_Name'),
      dateOfBirth: isoDate(at(row, 'DOB')),
      gender: gender === 'F' || gender === 'M' ? gender : 'U',
      seriesStatus: at(row, 'Series_Status'),
      doses,
      forecastNumber: at(row, 'Forecast_#'),
      earliest: isoDate(at(row, 'Earliest_Date')),
      recommended: isoDate(at(row, 'Recommended_Date')),
      pastDue: isoDate(at(row, 'Past_Due_Date')),
      group: at(row, 'Vaccine_Group'),
      assessmentDate: isoDate(at(row, 'Assessment_Date')),
    };
  });
}

export function runTestCase(testCase: CdsiTestCase): CdsiCaseOutcome {
  const group = cdsiVaccineGroups.find(
    (g) => g.code.toLowerCase() === testCase.group.toLowerCase(),
  );
  if (!group) return { id: testCase.id, unsupported: true };
  const [result] = cdsiForecast(
    {
      dateOfBirth: testCase.dateOfBirth,
      gender: testCase.gender,
      assessmentDate: testCase.assessmentDate,
      doses: testCase.doses.map((dose) => ({
        cvx: dose.cvx,
        mvx: dose.mvx,
        administeredOn: dose.administeredOn,
      })),
    },
    [group.cdsiName],
  );
  return {
    id: testCase.id,
    group: testCase.group,
    status: result!.status,
    forecastNumber: result!.forecastNumber ?? '-',
    earliest: result!.earliest ?? '',
    recommended: result!.recommended ?? '',
    pastDue: result!.pastDue ?? '',
  };
}

/** The fields a conforming engine must match, and whether this outcome matches each. */
export function compareOutcome(testCase: CdsiTestCase, outcome: CdsiCaseOutcome) {
  if ('unsupported' in outcome) return null;
  const expectedNumber = testCase.forecastNumber === '' ? '-' : testCase.forecastNumber;
  return {
    status: outcome.status.toLowerCase() === testCase.seriesStatus.toLowerCase(),
    forecastNumber: String(outcome.forecastNumber) === expectedNumber,
    earliest: outcome.earliest === testCase.earliest,
    recommended: outcome.recommended === testCase.recommended,
    pastDue: outcome.pastDue === testCase.pastDue,
  };
}
