import { getDb } from '@/db';
import { auditReportRows, CSV_HEADER, csvLine } from '@/lib/audit/report';
import { recordAuditTrailAccess } from '@/lib/audit/report-access';
import { parseAuditFilters, rememberedAuditFilters } from '@/lib/audit/report-filters';
import { requireStaff } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { getLocale, getT, translateMessage } from '@/lib/i18n/server';
import { rememberedSearch } from '@/lib/staff/remembered-search';

/**
 * The filtered audit trail as CSV, streamed a page at a time so an export of millions of rows
 * never sits in memory. The export is recorded before the first row is read.
 */
export async function GET(request: Request) {
  const session = await requireStaff('admin');
  const { filters, problems } = parseAuditFilters(
    {
      ...Object.fromEntries(new URL(request.url).searchParams),
      // The names the page was filtered by, from the search cookie (never the address).
      ...(await rememberedSearch('audit', rememberedAuditFilters)),
    },
    todayInPractice(),
  );
  if (Object.keys(problems).length) {
    const [t, locale] = await Promise.all([getT('staff.audit'), getLocale()]);
    const text = Object.values(problems)
      .map((problem) => translateMessage(locale, problem))
      .join(' ');
    return new Response(`${t('exportProblems', { problems: text })}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const db = await getDb();
  await recordAuditTrailAccess(db, session, 'audit.exported', filters);
  const rows = auditReportRows(db, { ...filters, after: '' });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_HEADER.join(',')}\r\n`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${csvLine(next.value)}\r\n`));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-trail-${filters.from}-to-${filters.to}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
