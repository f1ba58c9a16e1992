import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Template {
  /** The sample's text cut at each UUID: text, uuid, text, uuid, …, text. */
  parts: string[];
}

function templateOf(text: string): Template {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(uuidPattern)) {
    parts.push(text.slice(last, match.index), match[0].toLowerCase());
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return { parts };
}

/** A copy of the sample with every UUID (ids, references, the MRN) replaced by a fresh one. */
function freshCopy(template: Template): string {
  const fresh = new Map<string, string>();
  let text = '';
  for (let i = 0; i < template.parts.length; i++) {
    const part = template.parts[i]!;
    if (i % 2 === 0) text += part;
    else {
      let replacement = fresh.get(part);
      if (!replacement) fresh.set(part, (replacement = randomUUID()));
      text += replacement;
    }
  }
  return text;
}

/**
 * Patients for the import benchmark: the Synthea samples of tests/fixtures/fhir-samples, each
 * copy with fresh ids and MRN, so every copy is a new child. A bundle holds `perBundle` of
 * them (their entries concatenated), as an EHR sends a batch.
 */
export function fhirPatientFactory(folder = path.resolve('tests/fixtures/fhir-samples')) {
  const templates = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const bundle = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as {
        entry: unknown[];
      };
      // Entries only: the bundles are joined as `{"resourceType":"Bundle",…,"entry":[a,b]}`.
      return templateOf(bundle.entry.map((entry) => JSON.stringify(entry)).join(','));
    });
  let next = 0;
  return {
    samples: templates.length,
    bundle(perBundle: number): string {
      const entries: string[] = [];
      for (let i = 0; i < perBundle; i++)
        entries.push(freshCopy(templates[next++ % templates.length]!));
      return `{"resourceType":"Bundle","type":"batch","entry":[${entries.join(',')}]}`;
    },
  };
}
