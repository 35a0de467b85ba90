// The console builds its screens with these few helpers instead of a framework: elements carry
// their dictionary key (data-i18n), so switching language retranslates the page in place and
// whatever an operator has typed stays where it is.
import { t } from './i18n.js';

let ids = 0;
export const uid = prefix => `${prefix}-${++ids}`;

export const h = (tag, props, ...children) => build(document.createElement(tag), props, children);
export const s = (tag, props, ...children) =>
  build(document.createElementNS('http://www.w3.org/2000/svg', tag), props, children);

function build(el, props = {}, children) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false || k === 'value' || k === 'args') continue;
    if (k === 'i18n') el.dataset.i18n = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  if (props?.i18n) {
    if (props.args) el.dataset.args = JSON.stringify(props.args);
    el.textContent = t(props.i18n, props.args);
  }
  el.append(...children.flat(Infinity).filter(c => c != null && c !== false));
  // After the children: a select takes its value only once its options exist.
  if (props?.value != null) el.value = props.value;
  return el;
}

/** A labelled form control; showErrors() puts the control's message inside this wrapper. */
export function field(labelKey, control, hint) {
  control.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id, i18n: labelKey }), control, hint);
}

/** A select of [value, labelKey | {en, gu}] pairs; an empty first option when `any` names its label. */
export function select(name, options, { any, value } = {}) {
  return h('select', { name, value },
    any && h('option', { value: '', i18n: any }),
    options.map(([v, label]) => h('option', typeof label === 'string' ? { value: v, i18n: label } : { value: v, i18n: 'value', args: { v: label } })));
}

/** A time shown in the current language (retranslated on switch). */
export const when = iso => iso && h('time', { datetime: iso, i18n: 'value', args: { v: { time: iso } } });

/** The alert at the top of a form; empty and hidden until there is something to say. */
export const alertBox = () => h('div', { class: 'alert', role: 'alert', tabindex: -1, hidden: true });

export function say(box, key, args, kind = 'error') {
  box.className = `alert ${kind}`;
  box.replaceChildren(h('span', { i18n: key, args }));
  box.hidden = false;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
  form.querySelectorAll('.alert').forEach(a => { a.hidden = true; a.replaceChildren(); });
}

/**
 * Puts each of a problem's errors next to the control named by its field (the API names them as
 * the form does, e.g. complaints[1].ward); the rest, or the problem's detail, go in the form's alert.
 * Focuses the first control in error.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const rest = [];
  for (const { field: name, message } of error.problem?.errors ?? []) {
    const control = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!control) {
      rest.push(name ? `${name}: ${message}` : message);
      continue;
    }
    const msg = h('p', { class: 'field-error', id: uid('e') }, message);
    control.closest('.field').append(msg);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', msg.id);
  }
  const box = form.querySelector('.alert');
  if (rest.length || !form.querySelector('[aria-invalid]')) {
    box.className = 'alert error';
    box.replaceChildren(h('p', {}, error.problem?.title ?? error.message),
      rest.length ? h('ul', {}, rest.map(r => h('li', {}, r))) : h('p', {}, error.problem?.detail ?? ''));
    box.hidden = false;
  }
  (form.querySelector('[aria-invalid]') ?? box).focus?.();
}
