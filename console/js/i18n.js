// Interface strings in English and Gujarati, from the JSON dictionaries in ../i18n/. The choice
// is remembered in localStorage; English fills any gap in another dictionary.
const LANGUAGES = ['en', 'gu'];
const STORED = 'happserve.language';
const dictionaries = {};
let current = LANGUAGES.includes(localStorage.getItem(STORED)) ? localStorage.getItem(STORED) : 'en';

export async function loadDictionaries() {
  await Promise.all(LANGUAGES.map(async l => {
    dictionaries[l] = await (await fetch(`i18n/${l}.json`)).json();
  }));
}

export const language = () => current;
const locale = () => (current === 'gu' ? 'gu-IN' : 'en-IN');

export function setLanguage(l) {
  current = l;
  localStorage.setItem(STORED, l);
  translate();
}

/** A value for the current language: {en, gu} picks one, {time: iso} formats a time, others pass. */
function localized(v) {
  if (v == null || typeof v !== 'object') return v;
  if ('time' in v) return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v.time));
  return v[current] || v.en;
}

export const known = key => key in (dictionaries.en ?? {});

export function t(key, args = {}) {
  const text = dictionaries[current]?.[key] ?? dictionaries.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => localized(args[k]) ?? '');
}

/** Names from the directory in both languages, as localized() takes them. */
export const names = item => ({ en: item.name, gu: item.nameGu || item.name });

export function translate() {
  document.documentElement.lang = current;
  document.title = t('app.title');
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, el.dataset.args && JSON.parse(el.dataset.args));
  }
}
