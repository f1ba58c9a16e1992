'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

import type { GrowthChart as GrowthChartData } from '@/lib/growth/chart-data';

const percentileStyle = (percentile: number) => ({
  stroke:
    percentile === 50 ? '#1e3a8a' : percentile === 3 || percentile === 97 ? '#94a3b8' : '#64748b',
  strokeWidth: percentile === 50 ? 2 : 1,
  strokeDasharray: percentile === 50 ? undefined : '4 3',
});

/** The chart's words, in the reader's language, made on the server (growth-section.tsx). */
export interface GrowthChartWords {
  figure: string;
  xLabel: string;
  caption: string;
  /** One per point of `chart.points`, in the same order. */
  pointTitles: string[];
}

/**
 * One growth chart as SVG: the reference's percentile curves (each reference drawn on its own,
 * never joined across the 24-month switch) and the child's measurements as dots joined in order.
 * The table under it (rendered by the page) is the text alternative.
 */
export function GrowthChart({ chart, words }: { chart: GrowthChartData; words: GrowthChartWords }) {
  const lines = chart.curves.segments.flatMap((segment, segmentIndex) =>
    segment.lines.map((line) => ({
      key: `${segmentIndex}-${line.percentile}`,
      percentile: line.percentile,
      data: line.points,
    })),
  );
  const childLine = chart.points.map((point, index) => ({
    x: Math.round(point.x * 100) / 100,
    value: point.value,
    title: words.pointTitles[index] ?? '',
  }));
  return (
    <figure className="flex flex-col gap-2" aria-label={words.figure}>
      <div className="h-72 w-full sm:h-96" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 12, bottom: 24, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis
              type="number"
              dataKey="x"
              domain={['dataMin', 'dataMax']}
              tickCount={8}
              label={{ value: words.xLabel, position: 'insideBottom', offset: -12 }}
              allowDuplicatedCategory={false}
            />
            <YAxis
              type="number"
              domain={['auto', 'auto']}
              width={44}
              label={{ value: chart.unit, angle: -90, position: 'insideLeft' }}
            />
            {lines.map((line) => (
              <Line
                key={line.key}
                data={line.data}
                dataKey="value"
                type="monotone"
                dot={false}
                isAnimationActive={false}
                {...percentileStyle(line.percentile)}
              />
            ))}
            <Line
              data={childLine}
              dataKey="value"
              stroke="#b91c1c"
              strokeWidth={2}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => (
                <circle key={props.index} cx={props.cx} cy={props.cy} r={4} fill="#b91c1c">
                  <title>{childLine[props.index ?? 0]?.title ?? ''}</title>
                </circle>
              )}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-700">{words.caption}</figcaption>
    </figure>
  );
}
