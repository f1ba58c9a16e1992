import { env } from '@/lib/env';
import { getLocale, translatorFor } from '@/lib/i18n/server';

/** Where pages send visitors when the database cannot be reached: a real 503, with no details. */
export const dynamic = 'force-dynamic';

export async function GET() {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  const locale = await getLocale();
  const t = translatorFor(locale, 'unavailable');
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const tel = escape(PRACTICE_PHONE.replace(/[^0-9+]/g, ''));
  // The catalog's own markup is trusted; the practice's details are escaped like any value.
  const help = t.markup('help', {
    practice: escape(PRACTICE_NAME),
    phone: escape(PRACTICE_PHONE),
    call: (chunks) => `<a href="tel:${tel}">${chunks}</a>`,
  });
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t('title'))}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0f172a">
<main><h1>${escape(t('heading'))}</h1>
<p>${escape(t('body'))}</p>
<p>${help}</p>
<p><strong>${escape(t('emergency'))}</strong></p>
<p><a href="/">${escape(t('tryAgain'))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': '60',
      'Cache-Control': 'no-store',
    },
  });
}
