// Administration: the directory (wards, departments, categories with their SLA, officers, the
// levels of the escalation chain) as editable tables, saved whole with PUT /v1/directory. The API
// applies the loader's completeness check and names every gap; the chain view shows, as you edit,
// who answers for a ward and department at each level.
import { api } from './api.js';
import { alertBox, clearErrors, field, h, say, select, showErrors, uid } from './dom.js';

const SECTIONS = [
  { key: 'wards', columns: { code: 'text', name: 'text', nameGu: 'text' } },
  { key: 'departments', columns: { code: 'text', name: 'text', nameGu: 'text' } },
  { key: 'categories', columns: { code: 'text', name: 'text', nameGu: 'text', department: 'text', slaHours: 'number', slaHoursByLevel: 'numbers' } },
  { key: 'levels', columns: { level: 'number', title: 'text' } },
  { key: 'officers', columns: { id: 'text', name: 'text', designation: 'text', mobile: 'text', email: 'text', department: 'text', level: 'number', wards: 'list' } },
];

const show = v => (v == null ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const parse = {
  text: v => v,
  number: v => Number(v),
  numbers: v => v.split(/[\s,]+/).filter(Boolean).map(Number),
  list: v => v.split(/[\s,]+/).filter(Boolean),
};

/** The officers answering for (ward, department) at each level, as the loader resolves them. */
function chain(doc, ward, department) {
  return (doc.levels ?? []).map(l => ({
    level: l,
    officers: doc.officers.filter(o => o.level === l.level
      && (o.department === department || o.department === '*') && [ward, '*'].some(w => o.wards?.includes(w))),
  }));
}

export async function administration(view) {
  let doc = await api('GET', '/v1/directory');
  const alert = alertBox();
  const tables = h('div', { class: 'sections' });
  const chainView = h('div', { class: 'chain' });
  const form = h('form', { class: 'admin', novalidate: true, onsubmit: save, oninput: showChain },
    h('h1', { i18n: 'admin.title', tabindex: -1 }), alert,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', i18n: 'admin.save' })),
    chainView, tables);
  view.replaceChildren(form);
  fill();

  function fill() {
    tables.replaceChildren(...SECTIONS.map(section));
    const codes = list => list.map(x => [x.code, { en: `${x.code} · ${x.name}` }]);
    chainView.replaceChildren(h('h2', { i18n: 'admin.chain' }), h('div', { class: 'grid' },
      field('admin.chainWard', select('chainWard', codes(doc.wards))),
      field('admin.chainDepartment', select('chainDepartment', codes(doc.departments)))),
    h('ol', { class: 'chain-levels' }));
    showChain();
  }

  function section({ key, columns }) {
    const body = h('tbody');
    const heads = Object.keys(columns).map(c => h('th', { scope: 'col', id: uid('col'), i18n: `admin.col.${c}` }));
    const addRow = (item = {}) => {
      const tr = h('tr', {}, Object.entries(columns).map(([c, type], i) => h('td', {}, h('div', { class: 'field' },
        h('input', { 'data-column': c, 'aria-labelledby': heads[i].id, value: show(item[c]),
          type: type === 'number' ? 'number' : 'text', class: type })))),
      h('td', {}, h('button', { type: 'button', class: 'link', i18n: 'admin.remove', onclick: () => {
        tr.remove();
        rename();
        showChain();
      } })));
      // Columns the table does not show travel with the row unchanged.
      tr.item = item;
      body.append(tr);
      rename();
      return tr;
    };
    // Inputs are named as the API names its errors (officers[3].wards) so that they land on the cell.
    const rename = () => [...body.rows].forEach((tr, i) =>
      tr.querySelectorAll('input').forEach(input => { input.name = `${key}[${i}].${input.dataset.column}`; }));
    doc[key].forEach(addRow);
    return h('section', { class: 'card', 'data-section': key },
      h('h2', { i18n: `admin.${key}` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'edit' }, h('thead', {}, h('tr', {}, heads, h('th'))), body)),
      h('button', { type: 'button', i18n: 'admin.add', onclick: () => addRow().querySelector('input').focus() }));
  }

  /** The document as edited: every section from its table, the rest (municipality…) as loaded. */
  function edited() {
    const out = { ...doc };
    for (const { key, columns } of SECTIONS) {
      out[key] = [...form.querySelectorAll(`[data-section="${key}"] tbody tr`)].map(tr => {
        const item = { ...tr.item };
        for (const input of tr.querySelectorAll('input')) {
          const v = input.value.trim();
          if (v === '') delete item[input.dataset.column];
          else item[input.dataset.column] = parse[columns[input.dataset.column]](v);
        }
        return item;
      });
    }
    return out;
  }

  function showChain() {
    const d = edited();
    const ward = form.elements.chainWard.value;
    const department = form.elements.chainDepartment.value;
    chainView.querySelector('ol').replaceChildren(...chain(d, ward, department)
      .map(({ level, officers }) => h('li', { class: officers.length === 1 ? null : 'gap' },
        h('strong', {}, `${level.level} · ${level.title ?? ''}`), ' ',
        officers.length ? officers.map(o => `${o.name} (${o.id})`).join(', ') : h('span', { i18n: 'admin.nobody' }))));
  }

  async function save(e) {
    e.preventDefault();
    clearErrors(form);
    try {
      doc = await api('PUT', '/v1/directory', edited());
      fill();
      say(alert, 'admin.saved', {}, 'success');
      alert.focus();
    } catch (err) {
      showErrors(form, err);
    }
  }
}
