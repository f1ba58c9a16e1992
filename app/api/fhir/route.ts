import { getDatabaseUrl, getDb } from '@/db';
import { env } from '@/lib/env';
import { MAX_BUNDLE_BYTES, outcome, receiveBundle } from '@/lib/fhir/endpoint';
import { authenticateBearer } from '@/lib/integrations/tokens';
import { requestMetaFrom } from '@/lib/request-context';

export const dynamic = 'force-dynamic';

const fhirJson = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/fhir+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extra,
    },
  });

/** Reads at most `limit` bytes; null when the body is larger (it is not read further). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** FHIR R4 Bundle in (transaction, batch or collection) from a registered EHR client. */
export async function POST(request: Request) {
  const db = await getDb();
  const meta = requestMetaFrom(request.headers);
  const auth = await authenticateBearer(
    db,
    request.headers.get('authorization'),
    'system/*.write',
    meta,
  );
  if (!auth.ok)
    return fhirJson(
      auth.refusal.status,
      outcome(auth.refusal.status === 401 ? 'login' : 'forbidden', auth.refusal.description),
      {
        'WWW-Authenticate': `Bearer error="${auth.refusal.error}"`,
      },
    );
  const text = await readCapped(request, MAX_BUNDLE_BYTES);
  if (text === null)
    return fhirJson(
      413,
      outcome(
        'too-costly',
        `The bundle is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB. Send fewer patients at a time.`,
      ),
    );
  const reply = await receiveBundle(db, {
    clientId: auth.clientId,
    contentType: request.headers.get('content-type'),
    text,
    databaseUrl: await getDatabaseUrl(),
    meta,
    mrnSystem: env().FHIR_MRN_SYSTEM,
    sensitiveTag: env().FHIR_SENSITIVE_TAG,
  });
  return fhirJson(reply.status, reply.body);
}
