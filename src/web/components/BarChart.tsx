/**
 * Events per bucket (month or ISO week) as an SVG bar chart drawn here — no chart library. Bars
 * the service judged low are marked with a pattern and a label, not by colour alone; the expected
 * level (median rate × span) is a dashed tick on each bar. The same figures are in a table below
 * the chart for screen readers and for copying.
 *
 * @example
 * <BarChart title="Changes per month" buckets={evidence.months} />
 */
import { useId } from 'preact/hooks';
import { grouped } from '../format.js';
import type { BucketRow } from '../api/types.js';
import { TableRegion } from './bits.js';

const HEIGHT = 180;
const AXIS = 28;
const TOP = 12;

export function BarChart({ title, buckets, unit = 'events' }: { title: string; buckets: BucketRow[]; unit?: string }) {
  const id = useId();
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.count, b.expected ?? 0)));
  // Every bucket fits a 1280-pixel window (a year of weeks too); narrower windows scroll the chart.
  const slot = Math.max(12, Math.min(36, Math.floor(1100 / Math.max(1, buckets.length))));
  const bar = Math.round(slot * 0.65);
  const width = AXIS + buckets.length * slot + 8;
  const y = (v: number) => TOP + (HEIGHT - TOP) * (1 - v / max);
  const ticks = [...new Set([0, Math.round(max / 2), Math.ceil(max)])];
  const low = buckets.filter((b) => b.low);
  const labelEvery = Math.ceil(30 / slot); // a label every 30 pixels or more
  return (
    <figure class="chart">
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <div class="chart-scroll" role="region" aria-label={`${title} (chart)`} tabIndex={0}>
        <svg role="img" aria-labelledby={`${id}-t ${id}-d`} width={width} height={HEIGHT + 40} viewBox={`0 0 ${width} ${HEIGHT + 40}`}>
          <desc id={`${id}-d`}>
            {`${buckets.length} buckets, from ${buckets[0]?.bucket ?? ''} to ${buckets.at(-1)?.bucket ?? ''}; most ${grouped(max)} ${unit}.`}
            {low.length ? ` Low: ${low.map((b) => b.bucket).join(', ')}.` : ' None low.'}
          </desc>
          <defs>
            <pattern id={`${id}-low`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" class="bar-low-bg" />
              <line x1="0" y1="0" x2="0" y2="6" class="bar-low-line" />
            </pattern>
          </defs>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={AXIS} x2={width} y1={y(t)} y2={y(t)} class="grid" />
              <text x={AXIS - 4} y={y(t) + 4} class="axis" text-anchor="end">{grouped(t)}</text>
            </g>
          ))}
          {buckets.map((b, i) => {
            const x = AXIS + i * slot + (slot - bar) / 2;
            return (
              <g key={b.bucket}>
                <rect x={x} y={y(b.count)} width={bar} height={Math.max(0, HEIGHT - y(b.count))} class={b.low ? 'bar bar-low' : 'bar'} fill={b.low ? `url(#${id}-low)` : undefined}>
                  <title>{`${b.bucket}: ${grouped(b.count)} ${unit}${b.expected !== null ? `, expected about ${b.expected.toFixed(1)}` : ''}${b.low ? ' — low' : ''}`}</title>
                </rect>
                {b.expected !== null ? <line x1={x - 3} x2={x + bar + 3} y1={y(b.expected)} y2={y(b.expected)} class="expected" /> : null}
                {i % labelEvery === 0 ? <text x={x + bar / 2} y={HEIGHT + 14} class="axis" text-anchor="middle">{b.bucket.slice(-3).replace(/^-/, '')}</text> : null}
              </g>
            );
          })}
        </svg>
      </div>
      <p class="chart-legend muted">Bars: {unit} per bucket. Dashed line: the expected level (median rate × the bucket's span). Hatched bar outlined in red: low.</p>
      <details>
        <summary>{title}: the figures</summary>
        <TableRegion label={`${title}: figures`}>
          <table>
            <thead><tr><th scope="col">Bucket</th><th scope="col">From</th><th scope="col">To</th><th scope="col" class="num">{unit}</th><th scope="col" class="num">Expected</th><th scope="col">Low</th></tr></thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.bucket}><th scope="row">{b.bucket}</th><td>{b.start}</td><td>{b.end}</td><td class="num">{grouped(b.count)}</td><td class="num">{b.expected === null ? '—' : b.expected.toFixed(1)}</td><td>{b.low ? 'low' : ''}</td></tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>
    </figure>
  );
}
