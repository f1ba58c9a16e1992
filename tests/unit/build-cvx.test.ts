import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import cvxJson from '@/lib/records/data/cvx.json';
import {
  buildCvxTable,
  decodeXmlText,
  isPediatric,
  parseXml,
  readCvxCodes,
  readVaccineGroups,
  readXmlFile,
} from '@/scripts/build-cvx';

describe('the XML reader', () => {
  it('decodes the predefined, decimal and hexadecimal entities', () => {
    expect(
      decodeXmlText('J&amp;J &lt;b&gt; &quot;x&quot; &apos;y&apos; IgG1&#954; IgG1&#x3BA;'),
    ).toBe(`J&J <b> "x" 'y' IgG1κ IgG1κ`);
  });

  it('refuses an unknown entity or a bare ampersand instead of passing it through', () => {
    expect(() => decodeXmlText('&nbsp;')).toThrow(/Unknown entity/);
    expect(() => decodeXmlText('Johnson & Johnson')).toThrow(/Unterminated/);
  });

  it('reads CDATA, comments, self-closing tags and attributes holding ">"', () => {
    const root = parseXml(`<?xml version="1.0"?>
      <!-- a comment with <tags> -->
      <root kind="a>b">
        <item><![CDATA[<raw> & unescaped]]></item>
        <empty/>
        <item attr='1'>x &amp; y</item>
      </root>`);
    expect(root.name).toBe('root');
    expect(root.children.map((child) => child.name)).toEqual(['item', 'empty', 'item']);
    expect(root.children[0]?.text).toBe('<raw> & unescaped');
    expect(root.children[1]?.text).toBe('');
    expect(root.children[2]?.text).toBe('x & y');
  });

  it('fails on malformed documents', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/Unexpected <\/a>/);
    expect(() => parseXml('<a><b></b>')).toThrow(/Unclosed <a>/);
    expect(() => parseXml('<a/><b/>')).toThrow(/one root/);
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a/>')).toThrow(/DOCTYPE/);
  });
});

describe('pediatric rule', () => {
  it('follows the vaccine group, minus adult-only products, plus ungrouped infant products', () => {
    expect(isPediatric('20', ['DTAP'])).toBe(true);
    expect(isPediatric('115', ['TDAP'])).toBe(true);
    expect(isPediatric('121', ['ZOSTER'])).toBe(false);
    expect(isPediatric('33', ['PneumoPPV'])).toBe(false);
    expect(isPediatric('327', ['PneumoPCV'])).toBe(false); // PCV21, adults
    expect(isPediatric('303', ['RSV'])).toBe(false); // Arexvy
    expect(isPediatric('306', ['RSV'])).toBe(true); // nirsevimab
    expect(isPediatric('93', [])).toBe(true); // palivizumab
    expect(isPediatric('86', [])).toBe(false); // immune globulin
  });
});

// The CDC files live beside the repository, not in it; elsewhere (a fresh CI checkout) these are skipped
// and the committed JSON is checked by cvx.test.ts instead.
const sourceFolder = path.resolve(import.meta.dirname, '../../../shared/data/cvx');
const haveSources =
  existsSync(path.join(sourceFolder, 'cvx.xml')) &&
  existsSync(path.join(sourceFolder, 'vac2vg.xml'));

describe.skipIf(!haveSources)('the real CDC files', () => {
  const cvxXml = haveSources ? readXmlFile(path.join(sourceFolder, 'cvx.xml')) : '';
  const vac2vgXml = haveSources ? readXmlFile(path.join(sourceFolder, 'vac2vg.xml')) : '';

  it('reads all 288 codes, trimmed, with leading zeros kept', () => {
    const codes = readCvxCodes(cvxXml);
    expect(codes).toHaveLength(288);
    expect(
      codes.every((entry) => entry.code === entry.code.trim() && /^\d+$/.test(entry.code)),
    ).toBe(true);
    expect(codes.find((entry) => entry.code === '03')).toEqual({
      code: '03',
      shortDescription: 'MMR',
      fullName: 'measles, mumps and rubella virus vaccine',
      status: 'Active',
    });
    expect(new Set(codes.map((entry) => entry.status))).toEqual(
      new Set(['Active', 'Inactive', 'Non-US', 'Never Active']),
    );
  });

  it('decodes the entities the file really uses', () => {
    const codes = readCvxCodes(cvxXml);
    expect(codes.find((entry) => entry.code === '306')?.fullName).toContain('IgG1κ');
    expect(codes.some((entry) => entry.fullName.includes('&'))).toBe(false);
  });

  it('pairs the Name/Value rows of vac2vg.xml and keeps every group of a combination vaccine', () => {
    const groups = readVaccineGroups(vac2vgXml);
    expect(groups.get('110')).toEqual(['DTAP', 'HepB', 'POLIO']);
    expect(groups.get('94')).toEqual(['MMR', 'VARICELLA']);
    expect(groups.get('03')).toEqual(['MMR']);
    expect(groups.get('93')).toBeUndefined();
  });

  it('matches the committed lib/records/data/cvx.json (regenerate with npx tsx scripts/build-cvx.ts)', () => {
    expect(buildCvxTable(cvxXml, vac2vgXml)).toEqual(cvxJson.vaccines);
    const hashes = cvxJson.source.sha256;
    const sha = (file: string) =>
      createHash('sha256')
        .update(readFileSync(path.join(sourceFolder, file)))
        .digest('hex');
    expect(sha('cvx.xml')).toBe(hashes['cvx.xml']);
    expect(sha('vac2vg.xml')).toBe(hashes['vac2vg.xml']);
  });
});
