/**
 * Builds lib/records/data/cvx.json, the vaccine table the portal ships, from CDC's CVX tables.
 *
 *   npx tsx --conditions=react-server scripts/build-cvx.ts [folder holding cvx.xml and vac2vg.xml]
 *
 * The folder defaults to ../shared/data/cvx beside the repository. The JSON is generated ahead of
 * time and committed, so the app never parses XML at run time and needs no XML dependency.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultSourceFolder = path.resolve(repoRoot, '../shared/data/cvx');
const outputFile = path.join(repoRoot, 'lib/records/data/cvx.json');

// Where the XML came from. The files do not carry this themselves: update it when replacing them.
const origin = {
  publisher: 'CDC, IIS standards (CVX code set and CVX to vaccine group map)',
  license: 'public domain, CDC',
  repository: 'https://github.com/immregistries/codebase',
  path: 'cdc-source/',
  commit: '641f2ea42152f864dda760d9a3abda06fa9b6255',
  files: ['cvx.xml', 'vac2vg.xml'],
};

/*
 * Which vaccines are "pediatric": the ones the US childhood and adolescent schedule gives routinely,
 * so the staff picker can offer them first. Decided per CDC vaccine group (vac2vg.xml), with a few
 * codes taken out or added by hand because a group mixes child and adult-only products.
 * Status is not considered here: an inactive childhood code (DTP, PCV7) is still a childhood
 * vaccine and must still sort and print with its kind; callers filter on status themselves.
 */
const pediatricVaccineGroups = new Set([
  'DTAP', // DTaP, DT and the DTaP/DTP combinations
  'TDAP', // adolescent booster at 11–12 years
  'Td', // catch-up and wound care from 7 years
  'POLIO',
  'HIB',
  'HepB',
  'HepA',
  'PneumoPCV',
  'ROTAVIRUS',
  'MMR', // includes MMRV, which is also in VARICELLA
  'VARICELLA',
  'FLU', // yearly from 6 months
  'H1N1 flu', // the 2009 pandemic vaccine, given to children; kept so old records sort with flu
  'COVID-19',
  'MENING', // MenACWY at 11–12 and 16 years
  'MeningB',
  'HPV',
  'RSV', // the infant monoclonal antibodies; adult RSV vaccines are excluded below
]);

/**
 * Products in a pediatric group that are licensed only for adults (or only for pregnancy).
 * CVX 43 (Hep B, adult dosage) is deliberately absent: Recombivax's adult dose is the two-dose
 * schedule for 11–15 year olds.
 */
const adultOnlyCodes = new Map([
  ['44', 'Hep B high-dose, dialysis or immunocompromised adults'],
  ['189', 'Heplisav-B, 18 years and older'],
  ['220', 'PreHevbrio, 18 years and older'],
  ['52', 'Hep A adult formulation, 19 years and older'],
  ['104', 'Twinrix (Hep A-Hep B), 18 years and older'],
  ['135', 'high-dose flu, 65 years and older'],
  ['197', 'high-dose flu, 65 years and older'],
  ['231', 'Southern Hemisphere high-dose flu, 65 years and older'],
  ['168', 'adjuvanted flu (Fluad), 65 years and older'],
  ['205', 'adjuvanted flu (Fluad), 65 years and older'],
  ['327', 'PCV21 (Capvaxive), adults only'],
  ['303', 'RSV vaccine (Arexvy), older adults'],
  ['305', 'RSV vaccine (Abrysvo), pregnancy and older adults'],
  ['314', 'RSV vaccine, unspecified: the vaccines are for adults; infants get the antibody'],
  ['326', 'RSV mRNA vaccine (mRESVIA), adults'],
]);

/**
 * Childhood products CDC leaves without a vaccine group in vac2vg.xml. Keep this list in step
 * with the print grouping for ungrouped codes in lib/records/cvx.ts.
 */
const pediatricCodesWithoutGroup = new Map([
  ['93', 'palivizumab (Synagis), RSV antibody for high-risk infants'],
  ['145', 'RSV antibody (motavizumab), never licensed'],
  ['71', 'RSV-IGIV (RespiGam), historical infant RSV prophylaxis'],
  ['11', 'pertussis vaccine, historical'],
  ['178', 'OPV bivalent, given to children outside the US'],
  ['179', 'OPV monovalent, given to children outside the US'],
  ['182', 'OPV, unspecified'],
  ['198', 'DTP-HepB-Hib pentavalent, given to infants outside the US'],
]);

export type CvxEntry = {
  code: string;
  shortDescription: string;
  fullName: string;
  status: string;
  groups: string[];
  pediatric: boolean;
};

// ── A small XML reader ──────────────────────────────────────────────────────────────────────────
// The CDC files are flat records of elements holding text, with no attributes we need. This reads
// any well-formed document of that kind (prolog, comments, CDATA, self-closing tags, attributes,
// character and the five predefined entity references) and refuses what it does not understand,
// so a changed file fails loudly instead of producing a quietly wrong table.

export type XmlElement = { name: string; children: XmlElement[]; text: string };

const predefinedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

export function decodeXmlText(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`Unterminated entity reference near "${whole}"`);
    const codePoint = name.startsWith('#x')
      ? parseInt(name.slice(2), 16)
      : name.startsWith('#')
        ? parseInt(name.slice(1), 10)
        : NaN;
    if (!Number.isNaN(codePoint)) return String.fromCodePoint(codePoint);
    const named = predefinedEntities[name];
    if (named === undefined) throw new Error(`Unknown entity &${name};`);
    return named;
  });
}

/** Index just past the `>` closing a tag that opened at `start`, skipping `>` inside quoted attribute values. */
function endOfTag(source: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    }
  }
  throw new Error(`Unclosed tag at offset ${start}`);
}

function skipPast(source: string, start: number, terminator: string, what: string): number {
  const end = source.indexOf(terminator, start);
  if (end === -1) throw new Error(`Unclosed ${what} at offset ${start}`);
  return end + terminator.length;
}

export function parseXml(source: string): XmlElement {
  const document: XmlElement = { name: '#document', children: [], text: '' };
  const open: XmlElement[] = [document];
  let i = 0;
  while (i < source.length) {
    const current = open[open.length - 1]!;
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) current.text += decodeXmlText(source.slice(i, textEnd));
    if (lt === -1) break;

    if (source.startsWith('<?', lt)) {
      i = skipPast(source, lt, '?>', 'processing instruction');
    } else if (source.startsWith('<!--', lt)) {
      i = skipPast(source, lt, '-->', 'comment');
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = skipPast(source, lt, ']]>', 'CDATA section');
      current.text += source.slice(lt + '<![CDATA['.length, end - ']]>'.length);
      i = end;
    } else if (source.startsWith('<!', lt)) {
      // A DOCTYPE with an internal subset could declare entities this reader would not expand.
      const end = endOfTag(source, lt);
      if (source.slice(lt, end).includes('['))
        throw new Error('DOCTYPE internal subsets are not supported');
      i = end;
    } else if (source.startsWith('</', lt)) {
      const end = endOfTag(source, lt);
      const name = source.slice(lt + 2, end - 1).trim();
      if (open.length === 1 || current.name !== name)
        throw new Error(`Unexpected </${name}> at offset ${lt}`);
      open.pop();
      i = end;
    } else {
      const end = endOfTag(source, lt);
      const selfClosing = source[end - 2] === '/';
      const inner = source.slice(lt + 1, selfClosing ? end - 2 : end - 1);
      const name = /^[^\s/>]+/.exec(inner)?.[0];
      if (!name) throw new Error(`Malformed tag at offset ${lt}`);
      const element: XmlElement = { name, children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) open.push(element);
      i = end;
    }
  }
  if (open.length !== 1) throw new Error(`Unclosed <${open[open.length - 1]!.name}>`);
  const roots = document.children;
  if (roots.length !== 1) throw new Error(`Expected one root element, found ${roots.length}`);
  if (document.text.trim() !== '') throw new Error('Text outside the root element');
  return roots[0]!;
}

/** Reads a file honouring its XML declaration: the CDC files declare ISO-8859-1. */
export function readXmlFile(file: string): string {
  const bytes = readFileSync(file);
  const declaration = /^<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(
    bytes.subarray(0, 200).toString('latin1'),
  );
  const encoding = declaration?.[1]?.toLowerCase();
  return bytes.toString(encoding === 'iso-8859-1' || encoding === 'latin1' ? 'latin1' : 'utf8');
}

// ── The CVX tables ──────────────────────────────────────────────────────────────────────────────

/** Codes are right-padded with spaces in the files; descriptions sometimes carry stray whitespace. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function childText(element: XmlElement, name: string): string {
  const matches = element.children.filter((child) => child.name === name);
  if (matches.length !== 1)
    throw new Error(`<${element.name}> has ${matches.length} <${name}> elements, expected 1`);
  return clean(matches[0]!.text);
}

export function readCvxCodes(cvxXml: string): Omit<CvxEntry, 'groups' | 'pediatric'>[] {
  const root = parseXml(cvxXml);
  if (root.name !== 'CVXCodes') throw new Error(`cvx.xml: unexpected root <${root.name}>`);
  return root.children.map((info) => {
    const code = childText(info, 'CVXCode');
    if (!/^\d+$/.test(code)) throw new Error(`cvx.xml: unexpected code "${code}"`);
    return {
      code,
      shortDescription: childText(info, 'ShortDescription'),
      fullName: childText(info, 'FullVaccinename'),
      status: childText(info, 'Status'),
    };
  });
}

/**
 * vac2vg.xml stores each row as alternating <Name>/<Value> elements rather than named fields, and
 * lists a combination vaccine once per group it belongs to.
 */
export function readVaccineGroups(vac2vgXml: string): Map<string, string[]> {
  const root = parseXml(vac2vgXml);
  if (root.name !== 'VGCodes') throw new Error(`vac2vg.xml: unexpected root <${root.name}>`);
  const groupsByCode = new Map<string, string[]>();
  for (const row of root.children) {
    const fields = new Map<string, string>();
    for (let i = 0; i < row.children.length; i += 2) {
      const name = row.children[i];
      const value = row.children[i + 1];
      if (name?.name !== 'Name' || value?.name !== 'Value')
        throw new Error('vac2vg.xml: expected <Name> followed by <Value>');
      fields.set(clean(name.text), clean(value.text));
    }
    const code = fields.get('CVXCode');
    const group = fields.get('Vaccine Group Name');
    if (!code || !group) throw new Error('vac2vg.xml: a row without CVXCode or Vaccine Group Name');
    const groups = groupsByCode.get(code) ?? [];
    if (!groups.includes(group)) groups.push(group);
    groupsByCode.set(code, groups);
  }
  return groupsByCode;
}

export function isPediatric(code: string, groups: readonly string[]): boolean {
  if (adultOnlyCodes.has(code)) return false;
  if (pediatricCodesWithoutGroup.has(code)) return true;
  return groups.some((group) => pediatricVaccineGroups.has(group));
}

export function buildCvxTable(cvxXml: string, vac2vgXml: string): CvxEntry[] {
  const groupsByCode = readVaccineGroups(vac2vgXml);
  const codes = readCvxCodes(cvxXml);
  const known = new Set(codes.map((entry) => entry.code));
  for (const code of groupsByCode.keys()) {
    if (!known.has(code))
      throw new Error(`vac2vg.xml names CVX ${code}, which cvx.xml does not have`);
  }
  if (known.size !== codes.length) throw new Error('cvx.xml repeats a code');
  return codes
    .map((entry) => {
      const groups = groupsByCode.get(entry.code) ?? [];
      return { ...entry, groups, pediatric: isPediatric(entry.code, groups) };
    })
    .sort((a, b) => Number(a.code) - Number(b.code) || a.code.localeCompare(b.code));
}

/** Pretty but compact: a readable header, then one vaccine per line so a CDC update diffs cleanly. */
export function formatCvxJson(header: object, vaccines: readonly CvxEntry[]): string {
  const headerLines = Object.entries(header).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`,
  );
  const vaccineLines = vaccines.map(
    (vaccine, index) => `    ${JSON.stringify(vaccine)}${index < vaccines.length - 1 ? ',' : ''}`,
  );
  return ['{', ...headerLines, '  "vaccines": [', ...vaccineLines, '  ]', '}', ''].join('\n');
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function main() {
  const sourceFolder = path.resolve(process.argv[2] ?? defaultSourceFolder);
  const cvxFile = path.join(sourceFolder, 'cvx.xml');
  const vac2vgFile = path.join(sourceFolder, 'vac2vg.xml');
  const vaccines = buildCvxTable(readXmlFile(cvxFile), readXmlFile(vac2vgFile));
  const header = {
    // The hashes tell a reviewer whether a regenerated table really came from the same files.
    source: {
      ...origin,
      sha256: { 'cvx.xml': sha256OfFile(cvxFile), 'vac2vg.xml': sha256OfFile(vac2vgFile) },
    },
    generatedOn: new Date().toISOString().slice(0, 10),
    regenerate:
      'npx tsx --conditions=react-server scripts/build-cvx.ts [folder with cvx.xml and vac2vg.xml, default ../shared/data/cvx]',
  };
  mkdirSync(path.dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, formatCvxJson(header, vaccines));
  const pediatric = vaccines.filter((vaccine) => vaccine.pediatric).length;
  console.log(
    `Wrote ${vaccines.length} vaccines (${pediatric} pediatric) to ${path.relative(process.cwd(), outputFile)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
