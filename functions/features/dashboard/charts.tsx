import type { ChartData } from './chart-data.js';

/** Colour-blind-safe palette (Okabe–Ito), dark enough on white for bars (WCAG 1.4.11). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface ChartProps {
  /** Unique on the page (the SVG's title and desc ids derive from it). */
  id: string;
  title: string;
  /** One sentence saying what the chart shows (the SVG's desc). */
  description: string;
  data: ChartData;
  seriesLabel: (id: string) => string;
  /** How a value reads in the table and on the bars ("3", "2,5 h", "4,2 / 5"). */
  format: (value: number) => string;
  /** The scale's top when fixed (5 for scores); else the largest column. */
  max?: number | undefined;
  /** The first column's header in the table ("Semaine", "Bureau", "Mois"). */
  columnHeader: string;
  empty: string;
  /** The summary of the table that gives the same numbers as text. */
  tableLabel: string;
}

const W = 640;
const H = 220;
const PAD = { left: 36, right: 8, top: 12, bottom: 44 };

/**
 * A column chart, server-rendered SVG (stacked when there are several series), no script: an
 * image with a title and a description for screen readers, and the same numbers as a table.
 */
export function ColumnChart(props: ChartProps) {
  const { data } = props;
  const totals = data.columns.map((c) => data.series.reduce((sum, s) => sum + (c.values[s] ?? 0), 0));
  const top = props.max ?? Math.max(1, ...totals);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, data.columns.length);
  const barW = Math.min(48, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  const hasData = totals.some((t) => t > 0);
  return (
    <figure class="chart">
      <figcaption>
        <h3>{props.title}</h3>
      </figcaption>
      {hasData ? (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={titleId}>{props.title}</title>
          <desc id={descId}>{props.description}</desc>
          <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} stroke="#555" />
          <text x={PAD.left - 4} y={y(top) + 4} text-anchor="end" font-size="11" fill="#333">
            {props.format(top)}
          </text>
          <text x={PAD.left - 4} y={y(0)} text-anchor="end" font-size="11" fill="#333">
            0
          </text>
          {data.columns.map((column, i) => {
            const x = PAD.left + i * slot + (slot - barW) / 2;
            let base = 0;
            return (
              <g>
                {data.series.map((s, k) => {
                  const v = column.values[s] ?? 0;
                  if (v <= 0) return null;
                  const rect = (
                    <rect
                      x={x}
                      y={y(base + v)}
                      width={barW}
                      height={y(base) - y(base + v)}
                      fill={COLOURS[k % COLOURS.length]}
                    />
                  );
                  base += v;
                  return rect;
                })}
                {totals[i] ? (
                  <text
                    x={x + barW / 2}
                    y={y(totals[i]!) - 3}
                    text-anchor="middle"
                    font-size="11"
                    fill="#111"
                  >
                    {props.format(totals[i]!)}
                  </text>
                ) : null}
                <text
                  x={x + barW / 2}
                  y={H - PAD.bottom + 14}
                  text-anchor="middle"
                  font-size="11"
                  fill="#333"
                >
                  {column.label}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p>{props.empty}</p>
      )}
      {hasData && data.series.length > 1 ? (
        <ul class="legend" aria-hidden="true">
          {data.series.map((s, k) => (
            <li>
              <span class="swatch" style={`background:${COLOURS[k % COLOURS.length]}`} />
              {props.seriesLabel(s)}
            </li>
          ))}
        </ul>
      ) : null}
      {hasData ? (
        <details>
          <summary>{props.tableLabel}</summary>
          <div class="wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{props.columnHeader}</th>
                  {data.series.map((s) => (
                    <th scope="col">{props.seriesLabel(s)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.columns.map((column) => (
                  <tr>
                    <th scope="row">{column.label}</th>
                    {data.series.map((s) => (
                      <td>{column.values[s] === undefined ? '—' : props.format(column.values[s]!)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}

/** The charts' own CSS (the page's `<style>` is the shell's; this one is inline, as the CSP allows). */
export const CHART_CSS =
  '.chart{margin:0 0 1rem}.chart h3{font-size:1rem;margin:.25rem 0}.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0;font-size:.85rem}.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}';
