import 'server-only';

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { Database } from '@/db';
import type { Actor, RequestMeta } from '@/lib/audit/events';

import { FhirBundleError } from './bundle';
import {
  emptyReport,
  importBundle,
  mergeReports,
  type ImportOptions,
  type ImportReport,
} from './import';

/** The .json files named, folders expanded (not recursively), in a stable order. */
export async function bundleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const item of paths) {
    if ((await stat(item)).isDirectory()) {
      const names = (await readdir(item)).filter((name) => name.endsWith('.json')).sort();
      files.push(...names.map((name) => path.join(item, name)));
    } else files.push(item);
  }
  return files;
}

/** Imports files one after another; a file that is not a bundle is reported, not fatal. */
export async function importFiles(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  paths: string[],
  options: Omit<ImportOptions, 'file'>,
): Promise<ImportReport> {
  const report = emptyReport();
  for (const file of await bundleFiles(paths)) {
    const name = path.basename(file);
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      report.errors.push({
        file: name,
        entry: -1,
        resourceType: 'Bundle',
        id: null,
        reason: 'the file is not JSON',
      });
      continue;
    }
    try {
      mergeReports(
        report,
        (await importBundle(db, actor, meta, body, { ...options, file: name })).report,
      );
    } catch (error) {
      if (!(error instanceof FhirBundleError)) throw error;
      report.errors.push({
        file: name,
        entry: -1,
        resourceType: 'Bundle',
        id: null,
        reason: error.message,
      });
    }
  }
  return report;
}
