import { getDb } from '@/db';
import { env } from '@/lib/env';
import { issueAccessToken } from '@/lib/integrations/tokens';
import { requestMetaFrom } from '@/lib/request-context';

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/**
 * SMART Backend Services token endpoint (client_credentials, private_key_jwt). A refusal is
 * OAuth's error object, carrying the same words as a FHIR OperationOutcome for FHIR clients.
 */
export async function POST(request: Request) {
  const meta = requestMetaFrom(request.headers);
  const text = (request.headers.get('content-type') ?? '').startsWith(
    'application/x-www-form-urlencoded',
  )
    ? await request.text().catch(() => '')
    : '';
  const form = new URLSearchParams(text.length <= 16_384 ? text : '');
  const result = await issueAccessToken(
    await getDb(),
    {
      grantType: form.get('grant_type'),
      scope: form.get('scope'),
      assertionType: form.get('client_assertion_type'),
      assertion: form.get('client_assertion'),
    },
    { tokenUrl: `${env().PUBLIC_URL}/api/fhir/token`, meta },
  );
  if (result.ok)
    return Response.json(
      {
        access_token: result.accessToken,
        token_type: 'bearer',
        expires_in: result.expiresIn,
        scope: result.scope,
      },
      { headers: noStore },
    );
  const { refusal } = result;
  return Response.json(
    {
      error: refusal.error,
      error_description: refusal.description,
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'security', diagnostics: refusal.description }],
    },
    { status: refusal.status, headers: noStore },
  );
}
