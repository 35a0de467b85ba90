// Call intake (operators): the caller once, then one or more complaints, one submit. Built for an
// operator on a call: every control is reached with Tab in reading order; Enter in a field
// registers the call (Shift+Enter for a new line in a description); Enter on "Add complaint" adds a
// row and moves to its ward. Ward and category are typed (code or name, with suggestions), and
// the category's SLA shows as soon as it is recognised. Errors come back from the API named like
// the controls (complaints[1].category) and are shown next to them.
import { api, byCode, catalog } from './api.js';
import { alertBox, clearErrors, field, h, select, showErrors, when } from './dom.js';
import { names } from './i18n.js';

const CHANNELS = [['CALL_CENTRE', 'channel.CALL_CENTRE'], ['WARD_OFFICE', 'channel.WARD_OFFICE'], ['EMAIL', 'channel.EMAIL']];

/** The directory entry typed: its code, or its name in either language (any case). */
function recognise(list, text) {
  const k = text.trim().toLowerCase();
  return k ? list.find(x => [x.code, x.name, x.nameGu].some(v => v?.toLowerCase() === k)) : undefined;
}

export async function intake(view) {
  const { wards, categories } = await catalog();
  const alert = alertBox();
  const rows = h('div', { class: 'rows' });
  const add = h('button', { type: 'button', i18n: 'intake.add', onclick: () => addRow().querySelector('input').focus() });
  const form = h('form', { class: 'intake', novalidate: true, onsubmit: submit },
    h('h1', { i18n: 'intake.title', tabindex: -1 }),
    alert,
    h('fieldset', { class: 'card' }, h('legend', { i18n: 'intake.caller' }),
      h('div', { class: 'grid' },
        field('intake.name', h('input', { name: 'citizen.name', autocomplete: 'off', autofocus: true })),
        field('intake.mobile', h('input', { name: 'citizen.mobile', type: 'tel', inputmode: 'tel', autocomplete: 'off' })),
        field('intake.email', h('input', { name: 'citizen.email', type: 'email', autocomplete: 'off' })),
        field('intake.language', select('citizen.language', [['en', 'lang.en'], ['gu', 'lang.gu']])),
        field('intake.channel', select('channel', CHANNELS)))),
    rows,
    h('div', { class: 'actions' }, add, h('button', { type: 'submit', class: 'primary', i18n: 'intake.submit' })),
    h('p', { class: 'hint', i18n: 'intake.keys' }),
    h('datalist', { id: 'ward-list' }, wards.map(w => h('option', { value: w.code, i18n: 'value', args: { v: names(w) } }))),
    h('datalist', { id: 'category-list' }, categories.map(c =>
      h('option', { value: c.code, i18n: 'intake.categoryOption', args: { name: names(c), hours: c.slaHours } }))));
  // One key per call: a retried submit (a timeout, a double press) registers the call only once.
  const idempotencyKey = crypto.randomUUID();
  addRow();
  view.replaceChildren(form);

  function addRow() {
    const recognised = (list, describe) => e => {
      const item = recognise(list, e.target.value);
      const hint = e.target.closest('.field').querySelector('.hint');
      hint.replaceChildren(item ? describe(item) : e.target.value.trim() ? h('span', { i18n: 'intake.unknown' }) : '');
    };
    const lookup = (name, listId, list, describe) => field(`intake.${name}`,
      h('input', { name, list: listId, autocomplete: 'off', oninput: recognised(list, describe) }),
      h('p', { class: 'hint', 'aria-live': 'polite' }));
    const row = h('fieldset', { class: 'card complaint' },
      h('legend', {}, h('span', { class: 'legend-text' }),
        h('button', { type: 'button', class: 'link remove', i18n: 'intake.remove', onclick: () => {
          row.remove();
          renumber();
          rows.querySelector('input')?.focus();
        } })),
      h('div', { class: 'grid complaint-grid' },
        lookup('ward', 'ward-list', wards, w => h('span', { i18n: 'value', args: { v: names(w) } })),
        lookup('category', 'category-list', categories, c =>
          h('span', { class: 'sla', i18n: 'intake.sla', args: { name: names(c), hours: c.slaHours } })),
        field('intake.address', h('input', { name: 'address', autocomplete: 'off' })),
        field('intake.description', h('textarea', { name: 'description', rows: 2, onkeydown: e => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            form.requestSubmit();
          }
        } }))));
    rows.append(row);
    renumber();
    return row;
  }

  /** Controls are named as the API names its errors: complaints[i].ward, complaints[i].category… */
  function renumber() {
    [...rows.children].forEach((row, i) => {
      row.querySelector('.legend-text').replaceWith(h('span', { class: 'legend-text', i18n: 'intake.complaint', args: { n: i + 1 } }));
      row.querySelectorAll('[name]').forEach(c => { c.name = `complaints[${i}].${c.name.split('.').pop()}`; });
      row.querySelector('.remove').hidden = rows.children.length === 1;
    });
  }

  async function submit(e) {
    e.preventDefault();
    const value = name => form.elements.namedItem(name).value.trim();
    const code = (list, name) => recognise(list, value(name))?.code ?? value(name);
    const body = {
      citizen: { name: value('citizen.name'), mobile: value('citizen.mobile'), email: value('citizen.email') || undefined,
        language: value('citizen.language') },
      channel: value('channel'),
      complaints: [...rows.children].map((_, i) => ({
        ward: code(wards, `complaints[${i}].ward`),
        category: code(categories, `complaints[${i}].category`),
        description: value(`complaints[${i}].description`),
        address: value(`complaints[${i}].address`) || undefined,
      })),
    };
    clearErrors(form);
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      const result = await api('POST', '/v1/intakes', body, { 'idempotency-key': idempotencyKey });
      acknowledge(result.complaints);
    } catch (err) {
      showErrors(form, err);
    } finally {
      button.disabled = false;
    }
  }

  /** The numbers, large enough to read out over the phone, then a fresh form for the next call. */
  function acknowledge(complaints) {
    const next = h('button', { type: 'button', class: 'primary', i18n: 'intake.next',
      onclick: () => intake(view).then(() => view.querySelector('[autofocus]').focus()) });
    view.replaceChildren(h('section', { class: 'ack' },
      h('h1', { i18n: 'intake.registered', args: { n: complaints.length }, tabindex: -1 }),
      h('ol', { class: 'ack-list' }, complaints.map(c => h('li', { class: 'card' },
        h('span', { class: 'ack-number' }, c.number),
        h('span', { i18n: 'intake.ackLine', args: {
          category: names(byCode(categories, c.category) ?? { name: c.category }),
          ward: c.ward, designation: c.assignee.designation } }),
        h('span', { class: 'due' }, h('span', { i18n: 'complaint.dueAt' }), ' ', when(c.dueAt))))),
      next));
    next.focus();
  }
}
