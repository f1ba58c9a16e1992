import { describeAge } from '@/lib/children/age';
import type { GrowthChart as GrowthChartData } from '@/lib/growth/chart-data';
import { ordinal } from '@/lib/growth/ordinal';

import { LazyGrowthChart } from './growth-chart-lazy';

function shortDate(isoDate: string): string {
  return `${isoDate.slice(5, 7)}/${isoDate.slice(8, 10)}/${isoDate.slice(0, 4)}`;
}

/** The charts, each followed by its table: the same numbers for screen readers and for print. */
export function GrowthSection({
  charts,
  dateOfBirth,
}: {
  charts: GrowthChartData[];
  dateOfBirth: string;
}) {
  if (charts.length === 0)
    return (
      <p>
        No measurements yet. Weight, length or height, and head size from each check-up will appear
        here as charts.
      </p>
    );
  return (
    <div className="flex flex-col gap-8">
      {charts.map((chart) => (
        <section
          key={chart.indicator}
          aria-labelledby={`${chart.indicator}-heading`}
          className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id={`${chart.indicator}-heading`} className="text-lg font-semibold">
            {chart.title}
          </h2>
          <LazyGrowthChart chart={chart} />
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                {chart.title}: each measurement with its percentile
              </caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-1 pr-3">Date</th>
                  <th className="py-1 pr-3">Age</th>
                  <th className="py-1 pr-3">Value</th>
                  <th className="py-1">Percentile (z-score)</th>
                </tr>
              </thead>
              <tbody>
                {[...chart.points].reverse().map((point) => (
                  <tr key={`${point.measuredOn}-${point.x}`} className="border-b border-slate-200">
                    <td className="py-1 pr-3 whitespace-nowrap tabular-nums">
                      {shortDate(point.measuredOn)}
                    </td>
                    <td className="py-1 pr-3">{describeAge(dateOfBirth, point.measuredOn)}</td>
                    <td className="py-1 pr-3">
                      {point.value} {chart.unit}
                    </td>
                    <td className="py-1">
                      {point.percentile !== null ? (
                        <>
                          {ordinal(point.percentile)}{' '}
                          <span className="text-slate-600">({point.z!.toFixed(2)})</span>
                        </>
                      ) : (
                        <span className="text-slate-700">{point.note}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
