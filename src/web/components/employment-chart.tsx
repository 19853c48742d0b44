import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export interface EmploymentChartProps {
  points: ReadonlyArray<{ year: number; total: number; series: string }>;
  /** Years that start a new comparable series (a dashed rule is drawn before each). */
  breaks: readonly number[];
  /** Accessible description of the chart. */
  label: string;
  breakLabel: string;
  yLabel: string;
  /** Number formatting in the UI language. */
  format: (value: number) => string;
}

/**
 * Employees per year as a line per comparable series (lines are never joined across a series break) with the
 * breaks marked by dashed rules and a label. Observable Plot is loaded with this module only when a page shows
 * the chart.
 */
export function EmploymentChart({ points, breaks, label, breakLabel, yLabel, format }: EmploymentChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const width = Math.min(container.clientWidth || 640, 720);
    const years = points.map((p) => p.year);
    const chart = Plot.plot({
      width,
      height: 280,
      marginLeft: 56,
      marginTop: 28,
      ariaLabel: label,
      x: {
        label: null,
        tickFormat: (d: number) => String(d),
        ticks: years,
        domain: [Math.min(...years) - 0.5, Math.max(...years) + 0.5],
      },
      y: { label: yLabel, grid: true, zero: true, tickFormat: format },
      marks: [
        Plot.ruleX(
          breaks.map((year) => year - 0.5),
          { stroke: '#5f6b7a', strokeDasharray: '4 3', strokeWidth: 1.5 },
        ),
        Plot.text(
          breaks.map((year) => year - 0.5),
          {
            x: (d: number) => d,
            frameAnchor: 'top',
            dy: -14,
            text: () => breakLabel,
            fill: '#4b5563',
            fontSize: 11,
          },
        ),
        Plot.lineY(points, { x: 'year', y: 'total', z: 'series', stroke: '#0a4f96', strokeWidth: 2.5 }),
        Plot.dot(points, {
          x: 'year',
          y: 'total',
          fill: '#0a4f96',
          r: 3.5,
          title: (d: { year: number; total: number }) => `${d.year}: ${format(d.total)}`,
        }),
      ],
    });
    chart.setAttribute('role', 'img');
    // Plot names its mark groups with aria-label; on role-less <g> elements that is not allowed, and the figure
    // is one image (its data is in the table below).
    for (const element of chart.querySelectorAll('[aria-label]')) {
      if (element !== chart) element.removeAttribute('aria-label');
    }
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [points, breaks, label, breakLabel, yLabel, format]);
  return <div ref={ref} className="chart-box" />;
}

export default EmploymentChart;
