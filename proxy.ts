import { NextResponse, type NextRequest } from 'next/server';

/**
 * Runs before every page: a fresh CSP nonce, a request id for logs and audit events, and the
 * security headers. It makes no access decisions: every page and action checks the session
 * against the database itself (a proxy can be bypassed, as CVE-2025-29927 showed).
 */
export function proxy(request: NextRequest) {
  // A NUL (%00) belongs in no address, and PostgreSQL cannot hold or compare text with one: a
  // search for it would otherwise reach the database and end in an error page.
  if (/%00/i.test(request.url))
    return new NextResponse('Bad request: the address contains a character that cannot be used.', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const requestId = crypto.randomUUID();
  // Read directly: proxy runs in its own bundle and must stay free of app imports.
  const isDev = process.env.NODE_ENV !== 'production';
  const secure = request.nextUrl.protocol === 'https:';

  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-request-id', requestId);
  requestHeaders.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Request-Id', requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
