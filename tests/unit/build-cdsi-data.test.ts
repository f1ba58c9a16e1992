import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import supportingJson from '@/lib/cdsi/data/cdsi-supporting-data.json';
import { cdsiVaccineGroups } from '@/lib/cdsi/groups';
import { buildCdsiSupportingData } from '@/scripts/build-cdsi-data';

const sourceFolder = path.resolve(import.meta.dirname, '../../../shared/data/cdsi-schedule/XML');
const haveSources = existsSync(path.join(sourceFolder, 'ScheduleSupportingData.xml'));

describe('CDSi supporting data (lib/cdsi/data)', () => {
  it.skipIf(!haveSources)('is what the build makes from the CDSi files today', () => {
    const rebuilt = buildCdsiSupportingData(sourceFolder, supportingJson.generatedOn);
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(supportingJson);
  });

  it('holds every group the portal forecasts, with the antigens CDSi maps to it', () => {
    expect(supportingJson.vaccineGroups.map((group) => group.name).sort()).toEqual(
      cdsiVaccineGroups.map((group) => group.cdsiName).sort(),
    );
    const dtap = supportingJson.vaccineGroups.find((group) => group.name === 'DTaP/Tdap/Td');
    expect(dtap).toMatchObject({
      administerFullVaccineGroup: false,
      antigens: ['Diphtheria', 'Pertussis', 'Tetanus'],
    });
    expect(supportingJson.vaccineGroups.find((group) => group.name === 'MMR')).toMatchObject({
      administerFullVaccineGroup: true,
    });
  });

  it('keeps what the evaluator needs, not a hand-picked subset', () => {
    const hepB = supportingJson.antigens.HepB.series.find((s) => s.name === 'HepB 3-dose series');
    // HepB dose 3: 8 weeks after dose 2 and 16 weeks after dose 1.
    expect(hepB?.doses[2]?.intervals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fromPrevious: true, minInt: '8 weeks' }),
        expect.objectContaining({ fromTargetDose: 1, minInt: '16 weeks' }),
      ]),
    );
    expect(supportingJson.liveVirusConflicts).toContainEqual(
      expect.objectContaining({
        previousCvx: '03',
        currentCvx: '94',
        conflictEndInterval: '28 days',
      }),
    );
    expect(supportingJson.cvxToAntigens['110']?.map((a) => a.antigen).sort()).toEqual([
      'Diphtheria',
      'HepB',
      'Pertussis',
      'Polio',
      'Tetanus',
    ]);
    // Risk series are kept (the portal does not choose them: it records no risk conditions).
    expect(supportingJson.antigens.HepB.series.some((s) => s.seriesType === 'Risk')).toBe(true);
  });
});
