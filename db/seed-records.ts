import 'server-only';

import type { Transaction } from '@/db';
import {
  allergies,
  immunizations,
  measurements,
  medications,
  problems,
  testResults,
  visits,
} from '@/db/schema';
import { getVaccine } from '@/lib/records/cvx';
import { wellChildDates } from '@/lib/records/well-child';

/**
 * A believable chart for each demo child, built from their date of birth: the well-child
 * visits they have had by today, with measurements near the median for their age, and the
 * routine vaccines of the US childhood schedule given at those visits.
 */

const CLINICIAN = 'Dr. Priya Shah';

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

// Age in months → vaccines (CVX code and dose number) given at that well visit.
const vaccinesAt: Record<number, [string, string][]> = {
  0: [['08', '1']],
  2: [
    ['110', '1'],
    ['48', '1'],
    ['133', '1'],
    ['116', '1'],
  ],
  4: [
    ['110', '2'],
    ['48', '2'],
    ['133', '2'],
    ['116', '2'],
  ],
  6: [
    ['110', '3'],
    ['48', '3'],
    ['133', '3'],
    ['116', '3'],
    ['150', '1'],
  ],
  12: [
    ['03', '1'],
    ['21', '1'],
    ['83', '1'],
    ['133', '4'],
  ],
  15: [
    ['20', '4'],
    ['48', '4'],
  ],
  18: [['83', '2']],
  48: [
    ['130', '5'],
    ['03', '2'],
    ['21', '2'],
  ],
  132: [
    ['115', '1'],
    ['114', '1'],
    ['165', '1'],
  ],
  144: [['165', '2']],
};

// Roughly median weight (kg), length/height (cm) and head circumference (cm) by age in months.
const growth: [number, number, number, number | null][] = [
  [0, 3.3, 49.5, 34.2],
  [1, 4.3, 53.8, 36.6],
  [2, 5.3, 57.4, 38.4],
  [4, 6.6, 62.9, 40.9],
  [6, 7.5, 66.6, 42.5],
  [9, 8.4, 71.0, 44.0],
  [12, 9.1, 74.7, 45.1],
  [15, 9.8, 78.0, 45.8],
  [18, 10.4, 81.0, 46.4],
  [24, 11.6, 86.4, 47.4],
  [30, 12.7, 90.7, null],
  [36, 13.9, 95.1, null],
  [48, 16.0, 102.7, null],
  [60, 18.0, 109.4, null],
  [72, 20.2, 115.5, null],
  [84, 22.6, 121.5, null],
  [96, 25.4, 127.4, null],
  [108, 28.5, 132.9, null],
  [120, 32.0, 138.4, null],
  [132, 36.0, 144.5, null],
  [144, 40.4, 151.0, null],
  [156, 44.9, 156.5, null],
  [168, 48.8, 159.8, null],
  [180, 51.7, 161.8, null],
];

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export async function seedDemoRecord(
  tx: Transaction,
  child: { id: string; dateOfBirth: string },
  today: string,
  staffUserId: string,
) {
  const wellVisits = wellChildDates(child.dateOfBirth).filter((visit) => visit.dueOn <= today);
  for (const visit of wellVisits) {
    const ageMonths = Math.max(0, monthsBetween(child.dateOfBirth, visit.dueOn));
    await tx.insert(visits).values({
      childId: child.id,
      visitOn: visit.dueOn,
      type: 'well_child',
      clinician: CLINICIAN,
      reason: visit.label,
      summary: `${visit.label}: growing and developing well. Keep reading together every day. Call us with any questions before the next check-up.`,
      summaryReleasedAt: new Date(`${visit.dueOn}T17:00:00Z`),
      summaryReleasedBy: staffUserId,
      createdBy: staffUserId,
    });
    const measured = growth.filter(([months]) => months <= ageMonths).at(-1);
    if (measured) {
      const [, weightKg, heightCm, headCm] = measured;
      await tx.insert(measurements).values({
        childId: child.id,
        measuredOn: visit.dueOn,
        weightKg,
        heightCm,
        headCircumferenceCm: headCm,
        createdBy: staffUserId,
      });
    }
    // The newborn visit's hepatitis B was given at birth in the hospital.
    const given = vaccinesAt[ageMonths] ?? [];
    for (const [code, dose] of given) {
      const vaccine = getVaccine(code);
      if (!vaccine) continue;
      await tx.insert(immunizations).values({
        childId: child.id,
        cvx: vaccine.code,
        vaccineName: vaccine.shortDescription,
        administeredOn: ageMonths === 0 ? child.dateOfBirth : visit.dueOn,
        doseNumber: dose,
        lotNumber: ageMonths === 0 ? null : `DM${code}${visit.dueOn.slice(2, 4)}`,
        site: ageMonths < 36 ? 'Thigh' : 'Left arm',
        source: ageMonths === 0 ? 'reported' : 'given_here',
        createdBy: staffUserId,
      });
    }
  }
  return { wellVisits: wellVisits.length, lastWellVisitOn: wellVisits.at(-1)?.dueOn ?? null };
}

/** Maya's extras: an allergy, a daily medicine, a condition, a released and an unreleased result. */
export async function seedMayaExtras(
  tx: Transaction,
  child: { id: string; dateOfBirth: string },
  today: string,
  staffUserId: string,
) {
  await tx.insert(allergies).values({
    childId: child.id,
    substance: 'Amoxicillin',
    reaction: 'Hives',
    severity: 'moderate',
    status: 'active',
    notedOn: addMonths(child.dateOfBirth, 20),
    createdBy: staffUserId,
  });
  await tx.insert(problems).values({
    childId: child.id,
    name: 'Eczema',
    onsetOn: addMonths(child.dateOfBirth, 7),
    status: 'active',
    createdBy: staffUserId,
  });
  await tx.insert(medications).values({
    childId: child.id,
    name: 'Hydrocortisone 1% cream',
    instructions: 'Thin layer on dry patches twice a day for up to 7 days when the eczema flares.',
    startedOn: addMonths(child.dateOfBirth, 7),
    status: 'active',
    createdBy: staffUserId,
  });
  const leadTestOn = addMonths(child.dateOfBirth, 12);
  await tx.insert(testResults).values({
    childId: child.id,
    testName: 'Lead level (blood)',
    value: 'Less than 3.5',
    units: 'µg/dL',
    referenceRange: 'Under 3.5',
    flag: 'normal',
    collectedOn: leadTestOn,
    resultedOn: leadTestOn,
    releasedAt: new Date(`${leadTestOn}T18:00:00Z`),
    releasedBy: staffUserId,
    releaseComment: 'Normal: no lead exposure concerns.',
    createdBy: staffUserId,
  });
  // Waiting for the doctor's review: parents must not see it yet.
  await tx.insert(testResults).values({
    childId: child.id,
    testName: 'Throat culture',
    value: 'Group A strep isolated',
    flag: 'abnormal',
    collectedOn: today,
    resultedOn: today,
    createdBy: staffUserId,
  });
}

/** The teenager's extra: a confidential visit a guardian must never see or count. */
export async function seedTeenConfidentialVisit(
  tx: Transaction,
  child: { id: string },
  visitOn: string,
  staffUserId: string,
) {
  await tx.insert(visits).values({
    childId: child.id,
    visitOn,
    type: 'other',
    clinician: CLINICIAN,
    reason: 'Confidential adolescent visit',
    summary: 'Confidential adolescent counselling visit.',
    confidential: true,
    createdBy: staffUserId,
  });
}
