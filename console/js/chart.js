// Charts as hand-written SVG: no dependency to install, audit or keep up to date for the two kinds
// the reports need. Widths are percentages, so a chart follows the screen (a phone's too) while
// its text keeps a readable size; the report's table carries the same numbers for screen readers.
import { h, s, uid } from './dom.js';

const BAR = 12;
const GAP = 3;
const LABEL = 18;

/** series: [{key, label (dictionary key), cls}] → a legend with the series' colours. */
const legend = series => h('ul', { class: 'legend' }, series.map(x =>
  h('li', {}, h('span', { class: `swatch ${x.cls}`, 'aria-hidden': 'true' }), h('span', { i18n: x.label }))));

function figure(title, svg, series) {
  const id = uid('chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', id);
  return h('figure', { class: 'chart' }, h('figcaption', { id, i18n: title }), svg, series.length > 1 && legend(series));
}

/** Horizontal bars, one group per row ({text: its label's i18n props, values}), one bar per series; the label above its bars. */
export function bars(title, rows, series, format = String) {
  const max = Math.max(1e-9, ...rows.flatMap(r => series.map(x => r.values[x.key] ?? 0)));
  const group = LABEL + series.length * (BAR + GAP) + 8;
  return figure(title, s('svg', { width: '100%', height: Math.max(group * rows.length, 20) },
    rows.map((r, i) => s('g', { transform: `translate(0 ${i * group})` },
      s('text', { x: 0, y: 13, class: 'label', ...r.text }),
      series.map((x, j) => {
        const v = r.values[x.key];
        // 85% at most: the value is written after the bar.
        const width = `${v == null ? 0 : (85 * v) / max}%`;
        const y = LABEL + j * (BAR + GAP);
        return [s('rect', { x: 0, y, width, height: BAR, rx: 2, class: x.cls }),
          s('text', { x: width, dx: 4, y: y + BAR - 2, class: 'value' }, v == null ? '–' : format(v))];
      })))), series);
}

/** A daily trend: one line per series over days [{date, …}], the count axis from 0. */
export function trend(title, days, series) {
  const max = Math.max(1, ...days.flatMap(d => series.map(x => d[x.key] ?? 0)));
  const last = Math.max(1, days.length - 1);
  // The plot scales to any width (preserveAspectRatio none) with strokes kept at their width.
  const plot = s('svg', { x: '8%', y: 10, width: '90%', height: 160, viewBox: `0 0 ${last} ${max}`, preserveAspectRatio: 'none' },
    series.map(x => s('polyline', {
      class: `line ${x.cls}`, 'vector-effect': 'non-scaling-stroke', fill: 'none',
      points: (days.length === 1 ? [days[0], days[0]] : days).map((d, i) => `${i},${max - (d[x.key] ?? 0)}`).join(' '),
    })));
  const axisY = v => 10 + 160 * (1 - v / max);
  return figure(title, s('svg', { width: '100%', height: 200 },
    [0, max].map(v => [s('line', { x1: '8%', x2: '98%', y1: axisY(v), y2: axisY(v), class: 'gridline' }),
      s('text', { x: '6%', y: axisY(v) + 4, class: 'value', 'text-anchor': 'end' }, String(v))]),
    plot,
    s('text', { x: '8%', y: 190, class: 'value' }, days[0]?.date ?? ''),
    s('text', { x: '98%', y: 190, class: 'value', 'text-anchor': 'end' }, days.at(-1)?.date ?? '')), series);
}
