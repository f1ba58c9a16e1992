import { requireLinkedChild } from '@/lib/authz';
import { getChild } from '@/lib/children/registry';
import { childRecordBundle } from '@/lib/records/fhir';
import { readChildRecord } from '@/lib/records/read';

/**
 * "Download health record (FHIR)": the record the parent can see, as a FHIR R4 Bundle. Same
 * checks as the record page; a `record.exported` event is written before anything is read.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  const { child, db, viewer } = await requireLinkedChild(childId, 'fhir', 'record.exported');
  const chart = await getChild(db, child.id);
  const bundle = childRecordBundle(
    { ...child, mrn: chart?.mrn ?? null },
    await readChildRecord(db, viewer, child.id),
  );
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      'Content-Type': 'application/fhir+json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="health-record-fhir.json"',
      'Cache-Control': 'no-store',
    },
  });
}
