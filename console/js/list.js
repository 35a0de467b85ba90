// The table of complaints shown by search and the inbox, in the API's order; overdue ones are
// highlighted; further pages load on request.
import { byCode } from './api.js';
import { h, when } from './dom.js';
import { names } from './i18n.js';

const COLUMNS = ['number', 'category', 'ward', 'status', 'level', 'dueAt', 'assignee', 'registeredAt'];

export const isOverdue = c => c.overdue ?? (c.status === 'OPEN' && Date.parse(c.dueAt) < Date.now());

function row(c, { wards, categories }) {
  const name = (list, code) => h('span', { i18n: 'value', args: { v: names(byCode(list, code) ?? { name: code }) } });
  const overdue = isOverdue(c);
  return h('tr', { class: overdue ? 'overdue' : null, 'data-number': c.number },
    h('td', {}, h('a', { href: `#/complaints/${encodeURIComponent(c.number)}` }, c.number)),
    h('td', {}, name(categories, c.category)),
    h('td', {}, name(wards, c.ward)),
    h('td', {}, h('span', { class: `badge ${c.status.toLowerCase()}`, i18n: `status.${c.status}` }),
      overdue && h('span', { class: 'badge overdue', i18n: 'list.overdue' })),
    h('td', { class: 'num' }, String(c.escalationLevel)),
    h('td', {}, c.status === 'OPEN' ? when(c.dueAt) : ''),
    h('td', {}, c.assignee?.name ?? c.assignee?.designation ?? ''),
    h('td', {}, when(c.registeredAt)));
}

/** A table filled by load(cursor) → {items, nextCursor}; `ready` settles once the first page is in. */
export function complaintList(load, catalog) {
  const body = h('tbody');
  const empty = h('p', { class: 'hint', i18n: 'list.empty', hidden: true });
  const failure = h('p', { class: 'alert error', role: 'alert', hidden: true });
  const more = h('button', { type: 'button', class: 'more', i18n: 'list.more', hidden: true, onclick: () => page() });
  let cursor = null;

  async function page() {
    more.disabled = true;
    try {
      const r = await load(cursor);
      body.append(...r.items.map(c => row(c, catalog)));
      cursor = r.nextCursor;
      failure.hidden = true;
    } catch (e) {
      failure.textContent = e.message;
      failure.hidden = false;
    }
    more.hidden = !cursor;
    more.disabled = false;
    empty.hidden = body.children.length > 0;
  }

  const element = h('div', { class: 'list' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'complaints' },
      h('thead', {}, h('tr', {}, COLUMNS.map(c => h('th', { scope: 'col', i18n: `list.${c}` })))), body)),
    empty, failure, more);
  return { element, ready: page() };
}
