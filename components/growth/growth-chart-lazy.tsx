'use client';

import dynamic from 'next/dynamic';

/**
 * The chart's code (recharts, about 100 kB gzipped) arrives after the page is usable: the table
 * under each chart carries the same measurements and percentiles, and the server could not draw
 * the chart anyway (it sizes itself to the browser's width). The placeholder keeps its space.
 */
export const LazyGrowthChart = dynamic(
  () => import('./growth-chart').then((module) => module.GrowthChart),
  {
    ssr: false,
    loading: () => <div className="h-72 w-full sm:h-96" aria-hidden="true" />,
  },
);
