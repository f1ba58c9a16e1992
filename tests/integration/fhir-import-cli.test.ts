import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Bundle, Immunization } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const samples = path.join(root, 'tests/fixtures/fhir-samples');
const work = mkdtempSync(path.join(tmpdir(), 'portal-fhir-cli-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run fhir:import', () => {
  it('imports a folder, prints a summary and the JSON report last, and exits 1 when a patient failed', async () => {
    const folder = path.join(work, 'bundles');
    mkdirSync(folder);
    const good = 'sof-Junita_Labadie-fa8cdd1f-d2d8-476c-9247-b279dddd595d.json';
    copyFileSync(path.join(samples, good), path.join(folder, good));
    const bad = JSON.parse(
      readFileSync(
        path.join(samples, 'sof-Pearly_Schuster-a85b31e5-8f0c-480d-9e81-67408608dd7a.json'),
        'utf8',
      ),
    ) as Bundle;
    const index = bad.entry!.findIndex((entry) => entry.resource?.resourceType === 'Immunization');
    const dose = bad.entry![index]!.resource as Immunization;
    dose.vaccineCode.coding![0]!.code = '00000';
    writeFileSync(path.join(folder, 'z-bad.json'), JSON.stringify(bad));
    writeFileSync(path.join(folder, 'z-not-json.json'), '{ nope');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PGLITE_DIR: path.join(work, 'db'),
      NODE_ENV: 'development',
    };
    delete env.DATABASE_URL;
    const result = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', 'scripts/fhir-import.ts', '--json', folder],
      { cwd: root, env },
    ).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('Patients: 1 new, 0 updated, 0 unchanged, 1 failed.');
    const report = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['patients', 'imported', 'skipped', 'errors']);
    expect(report).toMatchObject({
      patients: { created: 1, updated: 0, unchanged: 0, failed: 1 },
      imported: { Immunization: 23, Encounter: 10, Condition: 2, MedicationRequest: 2 },
      errors: [
        {
          file: 'z-bad.json',
          entry: index,
          resourceType: 'Immunization',
          id: dose.id,
          reason: 'unknown CVX code "00000"',
        },
        { file: 'z-not-json.json', reason: 'the file is not JSON' },
      ],
    });
  }, 180_000);
});
