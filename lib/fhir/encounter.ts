import 'server-only';

import type { Encounter } from '@medplum/fhirtypes';

import { visitTypeLabels } from '@/lib/records/schemas';
import type { visitTypes } from '@/lib/records/vocabulary';

import {
  conceptText,
  ENTERED_IN_ERROR,
  fhirDate,
  isConfidential,
  skip,
  SNOMED_SYSTEM,
  sourceIdOf,
  type Mapped,
  type MappingOptions,
} from './common';

type VisitType = (typeof visitTypes)[number];

/** SNOMED CT codes EHRs use for a well-child check-up (Synthea: the first two). */
const wellChildCodes = new Set(['410620009', '185349003', '170099002', '170141000']);
const sickCodes = new Set(['185345009', '185347001', '50849002', '183452005']);

function visitType(resource: Encounter): VisitType {
  if (resource.class?.code === 'VR') return 'telehealth';
  const types = resource.type ?? [];
  // The portal's own download names the type in words; take it back as it was.
  for (const type of types) {
    const match = Object.entries(visitTypeLabels).find(([, label]) => label === type.text);
    if (match) return match[0] as VisitType;
  }
  const codes = types.flatMap((type) =>
    (type.coding ?? []).filter((coding) => coding.system === SNOMED_SYSTEM).map((c) => c.code),
  );
  const words = types.map((type) => conceptText(type) ?? '').join(' ');
  if (codes.some((code) => code && wellChildCodes.has(code)) || /well[- ]?child/i.test(words))
    return 'well_child';
  if (/immuni[sz]ation|vaccin/i.test(words)) return 'immunization';
  if (
    codes.some((code) => code && sickCodes.has(code)) ||
    resource.class?.code === 'EMER' ||
    resource.class?.code === 'IMP'
  )
    return 'sick';
  if (/follow[- ]?up/i.test(words)) return 'follow_up';
  return 'other';
}

export function mapEncounter(resource: Encounter, options: MappingOptions = {}): Mapped {
  if (['planned', 'cancelled'].includes(resource.status)) return skip(`status ${resource.status}`);
  const clinician = resource.participant?.find((participant) => participant.individual?.display)
    ?.individual?.display;
  const typeWords = conceptText(resource.type?.[0]);
  const portalLabel = Object.values(visitTypeLabels).includes(typeWords ?? '');
  // Without a stated reason the visit's own type says why the child came (Synthea sends no other).
  const reason =
    resource.reasonCode?.map(conceptText).find(Boolean) ?? (portalLabel ? null : typeWords);
  return {
    kind: 'row',
    section: 'visits',
    sourceId: sourceIdOf(resource),
    confidential: isConfidential(resource.meta, options),
    removalReason: resource.status === 'entered-in-error' ? ENTERED_IN_ERROR : null,
    columns: {
      visitOn: fhirDate(resource.period?.start ?? resource.period?.end, 'period.start'),
      type: visitType(resource),
      clinician: clinician?.slice(0, 200) ?? null,
      reason: reason?.slice(0, 500) ?? null,
    },
  };
}
