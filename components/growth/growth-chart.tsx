'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

import type { GrowthChart as GrowthChartData, GrowthPoint } from '@/lib/growth/chart-data';
import { ordinal } from '@/lib/growth/ordinal';

const percentileStyle = (percentile: number) => ({
  stroke:
    percentile === 50 ? '#1e3a8a' : percentile === 3 || percentile === 97 ? '#94a3b8' : '#64748b',
  strokeWidth: percentile === 50 ? 2 : 1,
  strokeDasharray: percentile === 50 ? undefined : '4 3',
});

function pointTitle(point: GrowthPoint, unit: string): string {
  return `${point.measuredOn}: ${point.value} ${unit}${point.percentile !== null ? `, ${ordinal(point.percentile)} percentile (z ${point.z!.toFixed(2)})` : point.note ? ` (${point.note})` : ''}`;
}

/**
 * One growth chart as SVG: the reference's percentile curves (each reference drawn on its own,
 * never joined across the 24-month switch) and the child's measurements as dots joined in order.
 * The table under it (rendered by the page) is the text alternative.
 */
export function GrowthChart({ chart }: { chart: GrowthChartData }) {
  const lines = chart.curves.segments.flatMap((segment, segmentIndex) =>
    segment.lines.map((line) => ({
      key: `${segmentIndex}-${line.percentile}`,
      percentile: line.percentile,
      data: line.points,
    })),
  );
  const childLine = chart.points.map((point) => ({
    x: Math.round(point.x * 100) / 100,
    value: point.value,
    point,
  }));
  return (
    <figure className="flex flex-col gap-2" aria-label={`${chart.title} chart`}>
      <div className="h-72 w-full sm:h-96" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 12, bottom: 24, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis
              type="number"
              dataKey="x"
              domain={['dataMin', 'dataMax']}
              tickCount={8}
              label={{ value: chart.xLabel, position: 'insideBottom', offset: -12 }}
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
                  <title>
                    {childLine[props.index ?? 0]
                      ? pointTitle(childLine[props.index ?? 0]!.point, chart.unit)
                      : ''}
                  </title>
                </circle>
              )}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-700">
        Red dots: your child’s measurements, joined in order. Grey lines: the 3rd, 5th, 10th, 25th,
        75th, 90th, 95th and 97th percentiles; dark blue: the 50th (middle).{' '}
        {chart.references
          .map((reference) =>
            reference === 'WHO 2006'
              ? 'WHO Child Growth Standards (birth to 2 years)'
              : 'CDC growth charts (2 to 20 years). Source: CDC',
          )
          .join('; ')}
        .
      </figcaption>
    </figure>
  );
}
