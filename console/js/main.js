// Boot and navigation: hash routes (#/intake, #/complaints/GMC-…), so that the static hosting
// needs no rewrite rules; the menu shows the screens of the signed-in user's Cognito groups.
import { catalog, whenUnauthorized } from './api.js';
import { claims, loadConfig, roles, signIn, signOut, setNewPassword } from './auth.js';
import { alertBox, field, h, say } from './dom.js';
import { language, loadDictionaries, names, setLanguage, translate } from './i18n.js';
import { intake } from './intake.js';
import { search } from './search.js';
import { complaint } from './complaint.js';
import { inbox } from './inbox.js';
import { administration } from './admin.js';
import { reports } from './reports.js';

const ROUTES = [
  { path: 'intake', roles: ['operator'], nav: 'nav.intake', render: intake },
  { path: 'inbox', roles: ['officer'], nav: 'nav.inbox', render: inbox },
  { path: 'search', roles: ['operator', 'admin'], nav: 'nav.search', render: search },
  { path: 'complaints', roles: ['operator', 'officer', 'admin'], render: complaint },
  { path: 'reports', roles: ['admin'], nav: 'nav.reports', render: reports },
  { path: 'admin', roles: ['admin'], nav: 'nav.admin', render: administration },
];

const main = document.getElementById('main');
const allowed = () => ROUTES.filter(r => r.roles.some(role => roles().includes(role)));

function showChrome() {
  const user = claims();
  document.getElementById('user').textContent = user?.['cognito:username'] ?? '';
  document.getElementById('signout').hidden = !user;
  document.getElementById('nav').replaceChildren(...allowed().filter(r => r.nav)
    .map(r => h('a', { href: `#/${r.path}`, i18n: r.nav, 'data-route': r.path })));
}

async function route() {
  if (!claims()) return signInScreen();
  const [where, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [path, ...param] = where.split('/');
  const target = allowed().find(r => r.path === path);
  if (!target) {
    const first = allowed().find(r => r.nav);
    if (first) location.replace(`#/${first.path}`);
    else main.replaceChildren(h('p', { class: 'alert error', i18n: 'app.noRole' }));
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.route === target.path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Each rendering gets its own view: a slow screen that finishes after the user moved on writes
  // into a detached element instead of over the new screen.
  const view = h('div', { class: `screen screen-${target.path}` });
  main.replaceChildren(view);
  try {
    await target.render(view, {
      param: decodeURIComponent(param.join('/')),
      query: new URLSearchParams(search),
    });
  } catch (e) {
    view.append(h('p', { class: 'alert error', role: 'alert' }, e.message));
  }
  (view.querySelector('[autofocus]') ?? view.querySelector('h1'))?.focus();
}

function signInScreen() {
  showChrome();
  let challenge = null;
  const alert = alertBox();
  const password2 = field('signin.newPassword', h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password' }));
  password2.hidden = true;
  const form = h('form', { class: 'card signin', onsubmit: async e => {
    e.preventDefault();
    const f = form.elements;
    try {
      if (challenge) {
        await setNewPassword(challenge, f.newPassword.value);
        challenge = null;
      } else {
        challenge = await signIn(f.username.value.trim(), f.password.value);
      }
      if (!challenge) {
        showChrome();
        await route();
      } else if (challenge.name === 'NEW_PASSWORD_REQUIRED') {
        password2.hidden = false;
        say(alert, 'signin.chooseNew', {}, 'info');
        f.newPassword.focus();
      } else {
        say(alert, 'signin.unsupported', { name: challenge.name });
        challenge = null;
      }
    } catch (err) {
      say(alert, err.message === 'NotAuthorizedException' ? 'signin.wrong' : 'signin.failed', { reason: err.message });
    }
  } },
  h('h1', { i18n: 'signin.title', tabindex: -1 }),
  alert,
  field('signin.username', h('input', { name: 'username', autocomplete: 'username', autofocus: true, required: true })),
  field('signin.password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  password2,
  h('button', { type: 'submit', class: 'primary', i18n: 'signin.submit' }));
  main.replaceChildren(form);
  form.elements.username.focus();
}

async function boot() {
  const toggle = document.getElementById('language');
  const showToggle = () => {
    const other = language() === 'en' ? 'gu' : 'en';
    toggle.textContent = other === 'gu' ? 'ગુજરાતી' : 'English';
    toggle.lang = other;
  };
  toggle.addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'gu' : 'en');
    showToggle();
  });
  document.getElementById('signout').addEventListener('click', () => {
    signOut();
    location.hash = '';
    signInScreen();
  });
  await Promise.all([loadDictionaries(), loadConfig()]);
  showToggle();
  translate();
  whenUnauthorized(() => { signOut(); signInScreen(); });
  catalog().then(c => document.getElementById('municipality')
    .replaceChildren(h('span', { i18n: 'value', args: { v: names(c.municipality) } }))).catch(() => {});
  showChrome();
  window.addEventListener('hashchange', route);
  await route();
}

boot();
