// Reports (administrators): what is frequent and how long each kind takes, from
// GET /v1/reports/summary — complaints per category, turnaround, SLA compliance, escalations
// by level, the daily trend; date range and ward filters; the table as CSV, made in the browser.
import { api, byCode, catalog, query } from './api.js';
import { field, h, select } from './dom.js';
import { names } from './i18n.js';
import { bars, trend } from './chart.js';

const FIELDS = ['registered', 'closed', 'open', 'averageTurnaroundHours', 'medianTurnaroundHours', 'slaCompliance', 'slaBreaches', 'reopens'];
const hours = v => (v == null ? '–' : (Math.round(v * 10) / 10).toString());
const percent = v => (v == null ? '–' : `${Math.round(v * 100)}%`);
const FORMAT = { averageTurnaroundHours: hours, medianTurnaroundHours: hours, slaCompliance: percent };
const show = (key, v) => (FORMAT[key] ?? (x => String(x ?? 0)))(v);

/** Every day of the range, with zeros where the report has none. */
function everyDay(from, to, daily) {
  const known = new Map(daily.map(d => [d.date, d]));
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); out.length < 400; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date > to) break;
    out.push(known.get(date) ?? { date, registered: 0, closed: 0 });
  }
  return out;
}

const levelsOf = r => [...new Set([r.totals, ...r.categories].flatMap(c => Object.keys(c.escalationsByLevel ?? {})))]
  .sort((a, b) => a - b);

/** The per-category table as CSV (UTF-8 with BOM, so that spreadsheets read Gujarati names). */
function csv(r) {
  const levels = levelsOf(r);
  const cell = v => {
    const text = v == null ? '' : String(v);
    // A leading =, +, - or @ would make a spreadsheet evaluate a name as a formula.
    const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const line = (code, name, c) => [code, name, ...FIELDS.map(f => c[f]), ...levels.map(l => c.escalationsByLevel?.[l] ?? 0)].map(cell).join(',');
  return `\uFEFF${[
    ['category', 'name', ...FIELDS, ...levels.map(l => `escalationsLevel${l}`)].join(','),
    ...r.categories.map(c => line(c.category, c.name, c)),
    line('TOTAL', '', r.totals),
  ].join('\r\n')}\r\n`;
}

export async function reports(view, { query: params }) {
  const cat = await catalog();
  const results = h('div', { class: 'report' });
  const download = h('a', { class: 'button', hidden: true, i18n: 'reports.csv' });
  const form = h('form', { class: 'card filters', onsubmit: e => {
    e.preventDefault();
    load();
  } },
  h('div', { class: 'grid' },
    // Empty at first: the API then reports the last 30 days up to today in the municipality's time zone.
    field('reports.from', h('input', { name: 'from', type: 'date', value: params.get('from') })),
    field('reports.to', h('input', { name: 'to', type: 'date', value: params.get('to') })),
    field('reports.ward', select('ward', cat.wards.map(w => [w.code, names(w)]), { any: 'reports.allWards', value: params.get('ward') }))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', i18n: 'reports.apply' }), download));
  view.replaceChildren(h('h1', { i18n: 'reports.title', tabindex: -1 }), form, results);

  async function load() {
    const filters = { from: form.elements.from.value, to: form.elements.to.value, ward: form.elements.ward.value };
    try {
      const r = await api('GET', `/v1/reports/summary?${query(filters)}`);
      form.elements.from.value = r.from;
      form.elements.to.value = r.to;
      history.replaceState(null, '', `#/reports?${query({ from: r.from, to: r.to, ward: r.ward })}`);
      render(r);
    } catch (e) {
      download.hidden = true;
      results.replaceChildren(h('p', { class: 'alert error', role: 'alert' }, e.message));
    }
  }

  function render(r) {
    if (download.href) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([csv(r)], { type: 'text/csv;charset=utf-8' }));
    download.download = `happserve-report-${r.from}-${r.to}${r.ward ? `-${r.ward}` : ''}.csv`;
    download.hidden = false;
    const label = c => names(byCode(cat.categories, c.category) ?? { name: c.name });
    const active = r.categories.filter(c => c.registered || c.closed || c.open).sort((a, b) => b.registered - a.registered);
    const rows = keys => active.map(c => ({ text: { i18n: 'value', args: { v: label(c) } }, values: Object.fromEntries(keys.map(k => [k, c[k]])) }));
    const levels = levelsOf(r);
    results.replaceChildren(
      h('dl', { class: 'kpis' }, FIELDS.map(f => h('div', { class: 'card', 'data-field': f },
        h('dt', { i18n: `reports.${f}` }), h('dd', {}, show(f, r.totals[f]))))),
      active.length === 0 ? h('p', { class: 'hint', i18n: 'reports.none' }) : h('div', { class: 'charts' },
        bars('reports.perCategory', rows(['registered', 'closed']),
          [{ key: 'registered', label: 'reports.registered', cls: 's1' }, { key: 'closed', label: 'reports.closed', cls: 's2' }]),
        bars('reports.turnaround', rows(['averageTurnaroundHours', 'medianTurnaroundHours']),
          [{ key: 'averageTurnaroundHours', label: 'reports.averageTurnaroundHours', cls: 's1' },
            { key: 'medianTurnaroundHours', label: 'reports.medianTurnaroundHours', cls: 's3' }], hours),
        bars('reports.compliance', rows(['slaCompliance']), [{ key: 'slaCompliance', label: 'reports.slaCompliance', cls: 's2' }], percent),
        bars('reports.escalations', levels.map(l => ({ text: { i18n: 'reports.level', args: { n: l } }, values: { n: r.totals.escalationsByLevel[l] } })),
          [{ key: 'n', label: 'reports.escalations', cls: 's4' }]),
        trend('reports.trend', everyDay(r.from, r.to, r.daily ?? []),
          [{ key: 'registered', label: 'reports.registered', cls: 's1' }, { key: 'closed', label: 'reports.closed', cls: 's2' }])),
      h('div', { class: 'table-wrap' }, h('table', { class: 'report-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'reports.category' }),
          FIELDS.map(f => h('th', { scope: 'col', i18n: `reports.${f}` })),
          levels.map(l => h('th', { scope: 'col', i18n: 'reports.level', args: { n: l } })))),
        h('tbody', {}, [...r.categories.map(c => [c.category, h('span', { i18n: 'value', args: { v: label(c) } }), c]),
          ['TOTAL', h('span', { i18n: 'reports.total' }), r.totals]].map(([code, name, c]) =>
          h('tr', { 'data-category': code }, h('th', { scope: 'row' }, name),
            FIELDS.map(f => h('td', { class: 'num', 'data-field': f }, show(f, c[f]))),
            levels.map(l => h('td', { class: 'num' }, String(c.escalationsByLevel?.[l] ?? 0)))))))));
  }
  await load();
}
