import { formatDateTime } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

/**
 * The rows of a request's detail list that say what the office did with it, shown to the parent
 * and to the office alike: when it is booked for and the reason given, each only when there is
 * one. The labels come from the page, in its own catalog's words.
 */
export function RequestOutcomeRows({
  scheduledFor,
  statusReason,
  labels,
  locale,
}: {
  scheduledFor: Date | null;
  statusReason: string | null;
  labels: { scheduledFor: string; reason: string };
  locale: Locale;
}) {
  return (
    <>
      {scheduledFor ? (
        <>
          <dt className="font-medium">{labels.scheduledFor}</dt>
          <dd>{formatDateTime(scheduledFor, locale)}</dd>
        </>
      ) : null}
      {statusReason ? (
        <>
          <dt className="font-medium">{labels.reason}</dt>
          <dd className="whitespace-pre-wrap">{statusReason}</dd>
        </>
      ) : null}
    </>
  );
}
