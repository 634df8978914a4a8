// The console's frame: who is logged in, the company acted for, the navigation, the language, and the routes:
//   #/login, #/<company>/overview, #/<company>/sent?..., #/<company>/received?..., #/<company>/sent/<id>, ...
import { api, ApiError, forgetCsrf, rememberCsrf, SessionEnded } from './api.js';
import { el, say } from './dom.js';
import { LANGUAGES, language, languageName, t, useLanguage } from './i18n.js';
import { listPage } from './list.js';
import { invoicePage } from './invoice.js';
import { overviewPage } from './overview.js';
import { settingsPage } from './settings.js';
import { accountPage } from './settings-account.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
let session = null; // { user, companies }

function parseRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [path, search = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  return { parts, params: new URLSearchParams(search) };
}

/** Opens the route; shows it afresh when it is the one already open. */
export function go(path) {
  if (location.hash === '#/' + path) {
    render();
  } else {
    location.hash = '#/' + path;
  }
}

let renders = 0;

async function render() {
  // a page that arrives after a later route was opened (a slow overview, then a click on Settings) is dropped
  const mine = ++renders;
  const show = (content) => mine === renders && main.replaceChildren(content);
  const { parts, params } = parseRoute();
  try {
    if (parts[0] === 'login' || !session) {
      if (!session && parts[0] !== 'login' && await resume()) {
        return render();
      }
      top.hidden = true;
      return loginPage();
    }
    const company = session.companies.find((c) => c.id === parts[0]);
    if (!company) {
      if (session.companies.length === 0) {
        header(null, '');
        return show(el('p', { class: 'error' }, t('error.noCompany')));
      }
      return go(`${session.companies[0].id}/overview`);
    }
    const view = parts[1] || 'overview';
    header(company, view);
    if (view === 'overview') {
      return show(await overviewPage(company));
    }
    if ((view === 'sent' || view === 'received') && parts[2]) {
      return show(await invoicePage(company, view, parts[2]));
    }
    if (view === 'sent' || view === 'received') {
      return show(await listPage(company, view, params));
    }
    if (view === 'settings') {
      return show(await settingsPage(company, parts[2], session.user));
    }
    if (view === 'account') {
      return show(accountPage(session.user, switchLanguage, async (added) => {
        await resume();
        go(`${added.id}/settings/profile`);
      }));
    }
    go(`${company.id}/overview`);
  } catch (error) {
    if (error instanceof SessionEnded) {
      session = null;
      forgetCsrf();
      say(t('login.ended'));
      return go('login');
    }
    show(el('p', { class: 'error', role: 'alert' }, t('error.generic', { detail: error.message })));
  }
}

function show(content) {
  main.replaceChildren(content);
}

/** The session of the cookie, if it is still alive. */
async function resume() {
  try {
    const user = await api('GET', '/api/v1/account');
    const companies = (await api('GET', '/api/v1/companies')).items;
    session = { user, companies };
    await useLanguage(user.language);
    return true;
  } catch (error) {
    if (error instanceof SessionEnded || error instanceof ApiError) {
      return false;
    }
    throw error;
  }
}

function languageSelect(onChange) {
  return el('label', {}, t('language') + ' ',
    el('select', { id: 'language', title: t('language.keys'), onchange: (e) => onChange(e.target.value) },
      LANGUAGES.map((code) => el('option', { value: code, selected: code === language() }, languageName(code)))));
}

async function loginPage() {
  await useLanguage(localStorage.getItem('language') || language());
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'login card', onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const answer = await api('POST', '/api/v1/login',
        { email: form.elements.email.value, password: form.elements.password.value });
      rememberCsrf(answer.csrfToken);
      if (answer.user.language !== language()) {
        await api('PUT', '/api/v1/account/language', { language: language() });
      }
      await resume();
      go('');
    } catch (failure) {
      error.textContent = failure.message;
    }
  } },
  el('h1', {}, t('login.title')),
  el('label', {}, t('login.email'), el('input', { name: 'email', type: 'email', autocomplete: 'username', required: true })),
  el('label', {}, t('login.password'),
    el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  languageSelect(async (code) => {
    localStorage.setItem('language', code);
    await loginPage();
  }),
  el('button', { class: 'primary', type: 'submit', id: 'login' }, t('login.submit')),
  error,
  el('p', { class: 'keys' }, t('language.keys')));
  show(form);
  form.elements.email.focus();
}

function header(company, view) {
  top.hidden = false;
  const link = (target, key) => el('a', { href: `#/${company.id}/${target}`,
    'aria-current': view === target ? 'page' : null }, t(key));
  top.replaceChildren(
    el('span', { class: 'brand' }, t('app.name')),
    company ? el('nav', { 'aria-label': t('app.name') },
      link('overview', 'nav.overview'), link('sent', 'nav.sent'), link('received', 'nav.received'),
      link('settings', 'nav.settings')) : '',
    el('div', { class: 'right' },
      company ? el('label', {}, t('nav.company') + ' ',
        el('select', { id: 'company', onchange: (e) => go(`${e.target.value}/${['sent', 'received', 'settings', 'account'].includes(view) ? view : 'overview'}`) },
          session.companies.map((c) => el('option', { value: c.id, selected: c.id === company.id }, c.name)))) : '',
      languageSelect(switchLanguage),
      el('span', { class: 'who' }, session.user.name + (session.user.support ? ` (${t('nav.support')})` : '')),
      company ? el('a', { href: `#/${company.id}/account`, id: 'my-account' }, t('nav.account')) : '',
      el('button', { class: 'link', id: 'logout', onclick: logout }, t('nav.logout'))));
}

async function logout() {
  try {
    await api('POST', '/api/v1/logout');
  } finally {
    session = null;
    forgetCsrf();
    go('login');
  }
}

/** Shows the pages in the language and keeps it as the user's choice. */
async function switchLanguage(code) {
  localStorage.setItem('language', code);
  if (session) {
    session.user = await api('PUT', '/api/v1/account/language', { language: code });
  }
  await useLanguage(code);
  await render();
}

// Ctrl+Shift+1 Swedish, 2 English, 3 Icelandic, 4 Finnish, 5 Danish
document.addEventListener('keydown', (event) => {
  const digit = /^Digit([1-5])$/.exec(event.code);
  if (event.ctrlKey && event.shiftKey && digit) {
    event.preventDefault();
    switchLanguage(LANGUAGES[Number(digit[1]) - 1]);
  }
});

window.addEventListener('hashchange', render);
render();
