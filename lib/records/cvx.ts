import 'server-only';

/**
 * CDC CVX vaccine codes: look-up, search for the staff vaccine picker, and grouping by disease for
 * the printed school immunization record. Meant for the server: the table (about 60 KB, generated
 * by scripts/build-cvx.ts) is imported statically so it is bundled with the server code, never
 * read from disk at run time.
 */
import cvxTable from './data/cvx.json';

export type Vaccine = {
  /** CVX code as CDC writes it, leading zeros kept ("03"). */
  code: string;
  shortDescription: string;
  fullName: string;
  /** CDC status: "Active", "Inactive", "Non-US", "Never Active", … */
  status: string;
  /** CDC vaccine groups (vac2vg.xml), e.g. ["DTAP", "HepB", "POLIO"] for CVX 110. */
  groups: readonly string[];
  /** Given routinely to US children and adolescents (see scripts/build-cvx.ts). */
  pediatric: boolean;
};

const vaccines: readonly Vaccine[] = cvxTable.vaccines;
const vaccinesByCode = new Map(vaccines.map((vaccine) => [vaccine.code, vaccine]));

/** Accepts " 3", "3" or "03": HL7 feeds and people both drop CDC's leading zero. */
function canonicalCode(code: string): string {
  const trimmed = code.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

export function getVaccine(code: string): Vaccine | null {
  return vaccinesByCode.get(canonicalCode(code)) ?? null;
}

export function vaccineGroupsOf(code: string): readonly string[] {
  return getVaccine(code)?.groups ?? [];
}

// ── Search ──────────────────────────────────────────────────────────────────────────────────────

/** Active pediatric first, then other active codes, then inactive, non-US and never-active ones. */
function relevanceTier(vaccine: Vaccine): number {
  if (vaccine.status !== 'Active') return 2;
  return vaccine.pediatric ? 0 : 1;
}

/** "DTaP-Hep B-IPV" → dtap, hep, b, ipv; "PCV20" → pcv, 20, so "20" finds it after code 20. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, '$1$2 ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Every word, and every run of consecutive words written together ("hep b" → "hepb"), so that a
 * query word matches "Hep B" as well as "HepB". Matching starts of words rather than any substring
 * keeps "flu" from finding Haemophilus influenzae.
 */
function wordStarts(words: readonly string[]): string[] {
  return words.map((_, index) => words.slice(index).join(''));
}

type SearchableVaccine = { vaccine: Vaccine; shortWordStarts: string[]; allWordStarts: string[] };

// The CDC group names join the searchable words: they are what staff type ("flu", "mening", "hpv").
const searchable: readonly SearchableVaccine[] = vaccines.map((vaccine) => {
  const shortWords = wordsOf(vaccine.shortDescription);
  return {
    vaccine,
    shortWordStarts: wordStarts(shortWords),
    allWordStarts: [
      ...wordStarts(shortWords),
      ...wordStarts(wordsOf(vaccine.fullName)),
      ...vaccine.groups.flatMap((group) => wordStarts(wordsOf(group))),
    ],
  };
});

/**
 * How well a vaccine matches, lower is better; null when it does not. Every query word must start
 * a word of the names or CDC groups; a digits-only query also matches codes that start with it, so
 * typing a code narrows the list as it grows.
 */
function matchQuality(
  entry: SearchableVaccine,
  query: string,
  queryWords: readonly string[],
): number | null {
  const { vaccine } = entry;
  const startsOneOf = (starts: readonly string[], word: string) =>
    starts.some((start) => start.startsWith(word));
  if (queryWords.every((word) => startsOneOf(entry.shortWordStarts, word))) {
    return vaccine.shortDescription.toLowerCase().startsWith(query) ? 1 : 2;
  }
  if (queryWords.every((word) => startsOneOf(entry.allWordStarts, word))) return 3;
  if (/^\d+$/.test(query) && vaccine.code.startsWith(query)) return 4;
  return null;
}

function byName(a: Vaccine, b: Vaccine): number {
  return (
    a.shortDescription.localeCompare(b.shortDescription, 'en', { sensitivity: 'base' }) ||
    Number(a.code) - Number(b.code)
  );
}

/**
 * Vaccines for a picker. An exact code ("20", or "3" for "03") comes first whatever its status;
 * then name matches, case-insensitive, ordered active pediatric → other active → the rest, and
 * within each by how well the name matches and then alphabetically. An empty query lists the
 * active pediatric vaccines in schedule order.
 */
export function searchVaccines(query: string, limit = 20): Vaccine[] {
  if (limit <= 0) return [];
  const trimmed = query.trim().toLowerCase();
  if (trimmed === '') {
    // In the order of the schedule (DTaP, polio, Hib, …), as the printed record lists them.
    return vaccines
      .filter((vaccine) => relevanceTier(vaccine) === 0)
      .sort((a, b) => printOrderOf(a.code) - printOrderOf(b.code) || byName(a, b))
      .slice(0, limit);
  }
  const queryWords = wordsOf(trimmed);
  const exact = getVaccine(trimmed);
  const ranked = searchable
    .filter((entry) => entry.vaccine !== exact)
    .map((entry) => ({
      vaccine: entry.vaccine,
      quality: queryWords.length ? matchQuality(entry, trimmed, queryWords) : null,
    }))
    .filter((match): match is { vaccine: Vaccine; quality: number } => match.quality !== null)
    .sort(
      (a, b) =>
        relevanceTier(a.vaccine) - relevanceTier(b.vaccine) ||
        a.quality - b.quality ||
        byName(a.vaccine, b.vaccine),
    )
    .map((match) => match.vaccine);
  return (exact ? [exact, ...ranked] : ranked).slice(0, limit);
}

// ── Printing by disease ─────────────────────────────────────────────────────────────────────────

export type PrintGroup = { key: string; label: string; vaccineGroups: readonly string[] };

/**
 * The rows of a school immunization record, in the order school and child-care forms list them,
 * with labels a parent understands. Each row gathers CDC vaccine groups: Td and Tdap count toward
 * the diphtheria/tetanus row; the pneumococcal polysaccharide vaccine (PPSV23, given to some
 * children at high risk) shares the pneumococcal row with PCV.
 */
export const printGroups: readonly PrintGroup[] = [
  {
    key: 'dtap',
    label: 'Diphtheria, tetanus, whooping cough (DTaP, Tdap)',
    vaccineGroups: ['DTAP', 'TDAP', 'Td'],
  },
  { key: 'polio', label: 'Polio (IPV)', vaccineGroups: ['POLIO'] },
  { key: 'hib', label: 'Hib (Haemophilus influenzae type b)', vaccineGroups: ['HIB'] },
  { key: 'hepb', label: 'Hepatitis B', vaccineGroups: ['HepB'] },
  { key: 'pneumococcal', label: 'Pneumococcal (PCV)', vaccineGroups: ['PneumoPCV', 'PneumoPPV'] },
  { key: 'rotavirus', label: 'Rotavirus', vaccineGroups: ['ROTAVIRUS'] },
  { key: 'mmr', label: 'MMR (measles, mumps, rubella)', vaccineGroups: ['MMR'] },
  { key: 'varicella', label: 'Varicella (chickenpox)', vaccineGroups: ['VARICELLA'] },
  { key: 'hepa', label: 'Hepatitis A', vaccineGroups: ['HepA'] },
  { key: 'menacwy', label: 'Meningococcal ACWY', vaccineGroups: ['MENING'] },
  { key: 'menb', label: 'Meningococcal B', vaccineGroups: ['MeningB'] },
  { key: 'hpv', label: 'HPV (human papillomavirus)', vaccineGroups: ['HPV'] },
  { key: 'flu', label: 'Influenza (flu)', vaccineGroups: ['FLU', 'H1N1 flu'] },
  { key: 'covid', label: 'COVID-19', vaccineGroups: ['COVID-19'] },
  { key: 'rsv', label: 'RSV (respiratory syncytial virus)', vaccineGroups: ['RSV'] },
  { key: 'other', label: 'Other', vaccineGroups: [] },
];

/**
 * Codes CDC's vac2vg.xml leaves without a vaccine group, placed by hand so a school finds them
 * under their disease rather than under "Other". Keep in step with pediatricCodesWithoutGroup in
 * scripts/build-cvx.ts.
 */
const printGroupKeysForUngroupedCodes: Readonly<Record<string, readonly string[]>> = {
  '93': ['rsv'], // palivizumab
  '145': ['rsv'], // motavizumab
  '71': ['rsv'], // RSV-IGIV
  '11': ['dtap'], // pertussis, historical
  '112': ['dtap'], // tetanus toxoid, unspecified
  '142': ['dtap'], // tetanus toxoid, not adsorbed
  '178': ['polio'], // OPV bivalent
  '179': ['polio'], // OPV monovalent
  '182': ['polio'], // OPV unspecified
  '198': ['dtap', 'hepb', 'hib'], // DTP-HepB-Hib pentavalent
  '169': ['hepa'], // Hep A live, non-US
};

const printGroupKeyByVaccineGroup = new Map(
  printGroups.flatMap((group) => group.vaccineGroups.map((name) => [name, group.key] as const)),
);

function printGroupKeysOf(code: string): string[] {
  const vaccine = getVaccine(code);
  const keys = new Set<string>(printGroupKeysForUngroupedCodes[vaccine?.code ?? ''] ?? []);
  for (const group of vaccine?.groups ?? [])
    keys.add(printGroupKeyByVaccineGroup.get(group) ?? 'other');
  return keys.size > 0 ? [...keys] : ['other'];
}

/** The diseases a vaccine protects against, in the printed record's words ("MMR (measles, mumps, rubella)"). */
export function diseaseLabelsOf(code: string): string[] {
  return printGroupKeysOf(code)
    .filter((key) => key !== 'other')
    .map((key) => printGroups.find((group) => group.key === key)!.label);
}

function printOrderOf(code: string): number {
  return Math.min(
    ...printGroupKeysOf(code).map((key) => printGroups.findIndex((group) => group.key === key)),
  );
}

export type ImmunizationToPrint = {
  cvx: string;
  administeredOn: string /* YYYY-MM-DD */;
  doseNumber: number | null;
};
type PrintedDose = { administeredOn: string; vaccine: string; doseNumber: number | null };
export type PrintedGroup = { key: string; label: string; doses: PrintedDose[] };

/**
 * Arranges a child's immunizations into the rows of the printed record: rows in `printGroups`
 * order, only rows with doses, doses oldest first. A combination vaccine is listed under each
 * disease it protects against (CVX 110 under DTaP, Polio and Hepatitis B), because a school checks
 * each disease separately. An unknown code prints under "Other" as "CVX <code>" rather than vanish.
 */
export function groupImmunizationsForPrint(items: readonly ImmunizationToPrint[]): PrintedGroup[] {
  const dosesByKey = new Map<string, PrintedDose[]>();
  for (const item of items) {
    const vaccine = getVaccine(item.cvx)?.shortDescription ?? `CVX ${item.cvx.trim()}`;
    for (const key of printGroupKeysOf(item.cvx)) {
      const doses = dosesByKey.get(key) ?? [];
      doses.push({ administeredOn: item.administeredOn, vaccine, doseNumber: item.doseNumber });
      dosesByKey.set(key, doses);
    }
  }
  return printGroups.flatMap((group) => {
    const doses = dosesByKey.get(group.key);
    if (!doses) return [];
    // ISO dates sort as strings; on the same day, the lower dose number first.
    doses.sort(
      (a, b) =>
        a.administeredOn.localeCompare(b.administeredOn) ||
        (a.doseNumber ?? 0) - (b.doseNumber ?? 0),
    );
    return [{ key: group.key, label: group.label, doses }];
  });
}
