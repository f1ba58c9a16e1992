import { env } from '@/lib/env';

/** Where pages send visitors when the database cannot be reached: a real 503, with no details. */
export const dynamic = 'force-dynamic';

export function GET() {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Portal temporarily unavailable</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0f172a">
<main><h1>The patient portal is temporarily unavailable</h1>
<p>We are having trouble reaching our records. Nothing you did caused this. Please try again in a few minutes.</p>
<p>If you need help now, call ${escape(PRACTICE_NAME)} at <a href="tel:${escape(PRACTICE_PHONE.replace(/[^0-9+]/g, ''))}">${escape(PRACTICE_PHONE)}</a>.</p>
<p><strong>In an emergency, call 911 or go to the nearest emergency room.</strong></p>
<p><a href="/">Try again</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': '60',
      'Cache-Control': 'no-store',
    },
  });
}
