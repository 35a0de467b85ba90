// An officer's inbox: the open complaints assigned to them, earliest due first (the API's order).
import { api, catalog, query } from './api.js';
import { h } from './dom.js';
import { complaintList } from './list.js';

export async function inbox(view) {
  const list = complaintList(cursor => api('GET', `/v1/inbox?${query({ limit: 50, cursor })}`), await catalog());
  view.replaceChildren(h('h1', { i18n: 'inbox.title', tabindex: -1 }), h('p', { class: 'hint', i18n: 'inbox.hint' }), list.element);
  await list.ready;
}
