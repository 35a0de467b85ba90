// One complaint: its facts, its timeline, and what the signed-in role may do with it — a note
// (staff), close with a resolution (officers, administrators), reopen on the caller's behalf and
// reassign to another ward or category (operators, administrators). The API decides who may;
// the console only offers what makes sense.
import { api, byCode, catalog } from './api.js';
import { roles } from './auth.js';
import { alertBox, clearErrors, field, h, select, showErrors, when } from './dom.js';
import { known, names } from './i18n.js';
import { isOverdue } from './list.js';

const may = (...r) => r.some(role => roles().includes(role));

export async function complaint(view, { param: number, done }) {
  const [c, cat] = await Promise.all([api('GET', `/v1/complaints/${encodeURIComponent(number)}`), catalog()]);
  const name = (list, code) => h('span', { i18n: 'value', args: { v: names(byCode(list, code) ?? { name: code }) } });
  const reload = key => complaint(view, { param: number, done: key }).then(() => view.querySelector('h1').focus());
  const fact = (key, value) => (value == null || value === false || value === '' ? null : [h('dt', { i18n: key }), h('dd', {}, value)]);

  /** A small form for one action: its fields, a submit, its own errors. */
  function action(key, fields, send) {
    const form = h('form', { class: `card action action-${key}`, novalidate: true, onsubmit: async e => {
      e.preventDefault();
      clearErrors(form);
      try {
        await send(Object.fromEntries(new FormData(form)));
        await reload(`${key}.done`);
      } catch (err) {
        showErrors(form, err);
      }
    } }, h('h2', { i18n: `${key}.title` }), alertBox(), fields, h('button', { type: 'submit', class: 'primary', i18n: `${key}.submit` }));
    return form;
  }
  const post = (verb, body) => api('POST', `/v1/complaints/${encodeURIComponent(c.number)}/${verb}`, body);
  const text = (key, nameAttr) => field(key, h('textarea', { name: nameAttr, rows: 2 }));
  const open = c.status === 'OPEN';

  view.replaceChildren(
    h('h1', { tabindex: -1 }, c.number, ' ',
      h('span', { class: `badge ${c.status.toLowerCase()}`, i18n: `status.${c.status}` }),
      isOverdue(c) && h('span', { class: 'badge overdue', i18n: 'list.overdue' }),
      h('span', { class: 'badge level', i18n: 'complaint.level', args: { n: c.escalationLevel } })),
    done && h('p', { class: 'alert success', role: 'status', i18n: done }),
    h('div', { class: 'detail' },
      h('dl', { class: 'card facts' },
        fact('complaint.category', name(cat.categories, c.category)),
        fact('complaint.ward', name(cat.wards, c.ward)),
        fact('complaint.description', c.description),
        fact('complaint.address', c.address),
        fact('complaint.citizen', `${c.citizen.name} · ${c.citizen.mobile}${c.citizen.email ? ` · ${c.citizen.email}` : ''}`),
        fact('complaint.channel', h('span', { i18n: `channel.${c.channel}` })),
        fact('complaint.assignee', [c.assignee.name, c.assignee.designation].filter(Boolean).join(' · ')),
        fact('complaint.registeredAt', when(c.registeredAt)),
        fact('complaint.dueAt', open && when(c.dueAt)),
        fact('complaint.closedAt', when(c.closedAt)),
        fact('complaint.resolution', c.resolution),
        fact('complaint.reopenCount', c.reopenCount > 0 && String(c.reopenCount)),
        fact('complaint.reopenableUntil', !open && when(c.reopenableUntil))),
      h('div', { class: 'actions-column' },
        open && may('officer', 'admin') && action('close', text('close.resolution', 'resolution'), b => post('close', b)),
        !open && may('operator', 'admin') && action('reopen', text('reopen.reason', 'reason'), b => post('reopen', b)),
        action('note', text('note.text', 'text'), b => post('notes', b)),
        open && may('operator', 'admin') && action('reassign', [
          field('complaint.ward', select('ward', cat.wards.map(w => [w.code, names(w)]), { value: c.ward })),
          field('complaint.category', select('category', cat.categories.map(x => [x.code, names(x)]), { value: c.category })),
          text('reassign.reason', 'reason')], b => post('reassign', b)))),
    h('section', { class: 'card' }, h('h2', { i18n: 'complaint.timeline' }),
      h('ol', { class: 'timeline' }, c.timeline.map(e => h('li', { class: e.internal ? 'internal' : null },
        when(e.at), ' ',
        known(`timeline.${e.type}`) ? h('strong', { i18n: `timeline.${e.type}` }) : h('strong', {}, e.type),
        ' ', h('span', { class: 'actor' }, e.actor), ' ',
        e.type === 'NOTIFICATION' ? `${e.channel} → ${e.to} (${e.recipient}) · ${e.deliveryState}` : e.text)))));
}
