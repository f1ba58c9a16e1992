import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { isBuiltWithDefineAction } from '@/lib/action';

/** Finds server actions the way tests/integration/server-actions-wrapped.test.ts does: every export of every 'use server' file. */

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const directive = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"];?/;

/** "app/(public)/signup/actions.ts#signUp": a name that says where the action lives. */
export type ActionKey = `${string}#${string}`;

export type ServerAction = (input: unknown) => Promise<{
  ok: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  data?: unknown;
}>;

export function serverActionFiles(): string[] {
  return ['app', 'components', 'lib']
    .flatMap((dir) => sourceFiles(path.join(repositoryRoot, dir)))
    .filter((file) => directive.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(repositoryRoot, file))
    .sort();
}

export async function loadServerActions(): Promise<Map<ActionKey, ServerAction>> {
  const found = new Map<ActionKey, ServerAction>();
  for (const relative of serverActionFiles()) {
    const exported = (await import(path.join(repositoryRoot, relative))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (!isBuiltWithDefineAction(value))
        throw new Error(`${relative}#${name} is not built with defineAction`);
      found.set(`${relative}#${name}`, value as ServerAction);
    }
  }
  return found;
}
