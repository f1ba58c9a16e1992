import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import { clientNamespaces, locales } from '@/lib/i18n/locales';
import { localeFromAcceptLanguage } from '@/lib/i18n/negotiate';

const root = path.resolve(import.meta.dirname, '../..');
type Catalog = { [key: string]: string | Catalog };
const catalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8'));

/** "inbox.title" → "Inbox", for every leaf of a catalog. */
function leaves(tree: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

/** The placeholders and tags of an ICU message, e.g. "count:plural", "name", "<link>". */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        into.add(element.value);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) placeholders(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${element.value}>`);
        placeholders(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

const english = leaves(catalog('en'));

describe('message catalogs', () => {
  it('has one catalog per language the portal offers, and no other', () => {
    const files = readdirSync(path.join(root, 'messages'))
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...locales].sort());
  });

  for (const locale of locales) {
    describe(locale, () => {
      const messages = leaves(catalog(locale));

      it('has exactly the keys of the English catalog', () => {
        const missing = [...english.keys()].filter((key) => !messages.has(key));
        const extra = [...messages.keys()].filter((key) => !english.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('parses as ICU, with the same placeholders and tags as English', () => {
        const mismatched: string[] = [];
        for (const [key, text] of messages) {
          const source = english.get(key);
          if (source === undefined) continue;
          const mine = [...placeholders(parse(text))].sort();
          const theirs = [...placeholders(parse(source))].sort();
          if (mine.join('|') !== theirs.join('|'))
            mismatched.push(`${key}: ${mine.join(',')} vs ${theirs.join(',')}`);
        }
        expect(mismatched).toEqual([]);
      });

      it('leaves no message empty', () => {
        expect([...messages].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual(
          [],
        );
      });
    });
  }

  it('sends the browser every namespace a client component reads', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const source = readFileSync(full, 'utf8');
          if (!/^\s*['"]use client['"]/m.test(source)) continue;
          for (const match of source.matchAll(/useTranslations\(\s*['"]([^'"]+)['"]\s*\)/g))
            used.add(match[1]!.split('.')[0]!);
        }
      }
    };
    walk(path.join(root, 'app'));
    walk(path.join(root, 'components'));
    const sent = new Set<string>(clientNamespaces);
    expect([...used].filter((namespace) => !sent.has(namespace))).toEqual([]);
  });
});

describe('choosing a language from the browser', () => {
  it.each([
    [null, 'en'],
    ['', 'en'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,es;q=0.5', 'es'],
    ['fr-FR', 'en'],
    ['es;q=0.2,en;q=0.9', 'en'],
    ['ES-us', 'es'],
    ['es;q=0, en;q=0.1', 'en'],
    ['*', 'en'],
    ['garbage;;;q=abc, es', 'es'],
  ])('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
