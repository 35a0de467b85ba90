// Search (operators, administrators): a number opens that complaint; otherwise the filters the
// API offers. The filters live in the address (#/search?ward=W01…) so that Back returns to the results.
import { api, catalog, query } from './api.js';
import { field, h, select } from './dom.js';
import { names } from './i18n.js';
import { complaintList } from './list.js';

const FILTERS = ['mobile', 'ward', 'category', 'status', 'escalationLevel'];

export async function search(view, { query: params }) {
  const cat = await catalog();
  const results = h('div', { class: 'results' });
  const form = h('form', { class: 'card filters', onsubmit: e => {
    e.preventDefault();
    const number = form.elements.number.value.trim().toUpperCase();
    if (number) {
      location.hash = `#/complaints/${encodeURIComponent(number)}`;
      return;
    }
    const filters = Object.fromEntries(FILTERS.map(f => [f, form.elements[f].value.trim()]));
    history.replaceState(null, '', `#/search?${query(filters)}`);
    run(filters);
  } },
  h('div', { class: 'grid' },
    field('search.number', h('input', { name: 'number', autocomplete: 'off', autofocus: true, placeholder: 'GMC-2612-000451' })),
    field('search.mobile', h('input', { name: 'mobile', type: 'tel', autocomplete: 'off', value: params.get('mobile') })),
    field('search.ward', select('ward', cat.wards.map(w => [w.code, names(w)]), { any: 'search.any', value: params.get('ward') })),
    field('search.category', select('category', cat.categories.map(c => [c.code, names(c)]), { any: 'search.any', value: params.get('category') })),
    field('search.status', select('status', [['OPEN', 'status.OPEN'], ['CLOSED', 'status.CLOSED']], { any: 'search.any', value: params.get('status') })),
    field('search.level', h('input', { name: 'escalationLevel', type: 'number', min: 0, value: params.get('escalationLevel') }))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', i18n: 'search.submit' })));
  view.replaceChildren(h('h1', { i18n: 'search.title', tabindex: -1 }), form, results);

  async function run(filters) {
    const list = complaintList(cursor => api('GET', `/v1/complaints?${query({ ...filters, limit: 25, cursor })}`), cat);
    results.replaceChildren(list.element);
    await list.ready;
  }
  if (FILTERS.some(f => params.get(f))) await run(Object.fromEntries(FILTERS.map(f => [f, params.get(f) ?? ''])));
}
