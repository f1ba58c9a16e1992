import { describeAge } from '@/lib/children/age';
import { formatDate } from '@/lib/dates';
import type { GrowthChart as GrowthChartData, GrowthPoint } from '@/lib/growth/chart-data';
import { ordinal } from '@/lib/growth/ordinal';
import type { Locale } from '@/lib/i18n/locales';
import { getLocale, getT, translateMessage } from '@/lib/i18n/server';

import { LazyGrowthChart } from './growth-chart-lazy';

type GrowthWords = Awaited<ReturnType<typeof getT<'growth'>>>;

function pointTitle(point: GrowthPoint, unit: string, locale: Locale, t: GrowthWords): string {
  const date = formatDate(point.measuredOn, locale);
  if (point.percentile !== null)
    return t('pointTitle', {
      date,
      value: point.value,
      unit,
      percentile: ordinal(point.percentile, locale),
      z: point.z!.toFixed(2),
    });
  return point.note
    ? t('pointTitleNote', {
        date,
        value: point.value,
        unit,
        note: translateMessage(locale, point.note),
      })
    : t('pointTitlePlain', { date, value: point.value, unit });
}

/** The charts, each followed by its table: the same numbers for screen readers and for print. */
export async function GrowthSection({
  charts,
  dateOfBirth,
}: {
  charts: GrowthChartData[];
  dateOfBirth: string;
}) {
  const [t, locale] = await Promise.all([getT('growth'), getLocale()]);
  if (charts.length === 0) return <p>{t('noMeasurements')}</p>;
  return (
    <div className="flex flex-col gap-8">
      {charts.map((chart) => {
        const title = t(`titles.${chart.indicator}`);
        return (
          <section
            key={chart.indicator}
            aria-labelledby={`${chart.indicator}-heading`}
            className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id={`${chart.indicator}-heading`} className="text-lg font-semibold">
              {title}
            </h2>
            <LazyGrowthChart
              chart={chart}
              words={{
                figure: t('chartLabel', { title }),
                xLabel: chart.indicator === 'weight_for_length' ? t('xLength') : t('xAge'),
                caption: [
                  t('caption'),
                  chart.references
                    .map((reference) =>
                      reference === 'WHO 2006' ? t('whoReference') : t('cdcReference'),
                    )
                    .join('; '),
                ].join(' '),
                pointTitles: chart.points.map((point) => pointTitle(point, chart.unit, locale, t)),
              }}
            />
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('tableCaption', { title })}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th className="py-1 pr-3">{t('date')}</th>
                    <th className="py-1 pr-3">{t('age')}</th>
                    <th className="py-1 pr-3">{t('value')}</th>
                    <th className="py-1">{t('percentile')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...chart.points].reverse().map((point) => (
                    <tr
                      key={`${point.measuredOn}-${point.x}`}
                      className="border-b border-slate-200"
                    >
                      <td className="py-1 pr-3 whitespace-nowrap tabular-nums">
                        {formatDate(point.measuredOn, locale)}
                      </td>
                      <td className="py-1 pr-3">
                        {describeAge(dateOfBirth, point.measuredOn, locale)}
                      </td>
                      <td className="py-1 pr-3">
                        {point.value} {chart.unit}
                      </td>
                      <td className="py-1">
                        {point.percentile !== null ? (
                          <>
                            {ordinal(point.percentile, locale)}{' '}
                            <span className="text-slate-600">({point.z!.toFixed(2)})</span>
                          </>
                        ) : (
                          <span className="text-slate-700">
                            {point.note ? translateMessage(locale, point.note) : null}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
