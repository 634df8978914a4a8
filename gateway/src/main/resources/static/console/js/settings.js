// The company's settings: one page per section (#/<company>/settings/<section>), each drawn by its own module.
// Support staff see every section read-only; the API refuses their changes in any case.
import { el } from './dom.js';
import { t } from './i18n.js';
import { contactsPart, logoPart, paymentPart, profilePart } from './settings-company.js';
import { apiKeysPart, usersPart } from './settings-people.js';
import { customersPart, monthlyPart, recipientPart } from './settings-data.js';

const SECTIONS = {
  profile: profilePart,
  contacts: contactsPart,
  payment: paymentPart,
  logo: logoPart,
  users: usersPart,
  'api-keys': apiKeysPart,
  recipient: recipientPart,
  customers: customersPart,
  monthly: monthlyPart,
};

export async function settingsPage(company, section, user) {
  const name = SECTIONS[section] ? section : 'profile';
  const outcome = el('p', { class: 'outcome', id: 'outcome', role: 'status' });
  const holder = el('div', { id: `settings-${name}` });
  const context = {
    company,
    base: `/api/v1/companies/${company.id}`,
    readOnly: user.support,
    /** Says what happened and draws the section afresh from the API. */
    async done(text) {
      await context.redraw();
      outcome.className = 'outcome';
      outcome.textContent = text || '';
    },
    /** Draws the section afresh, keeping what the outcome line says. */
    async redraw() {
      holder.replaceChildren(await SECTIONS[name](context));
    },
    refused(text) {
      outcome.className = 'outcome error';
      outcome.textContent = text;
    },
  };
  holder.append(await SECTIONS[name](context));
  return el('section', {},
    el('h1', {}, t('settings.title'), ' ', el('span', { class: 'muted' }, `· ${company.name}`)),
    el('nav', { class: 'subnav', 'aria-label': t('settings.title') }, Object.keys(SECTIONS).map((key) =>
      el('a', { href: `#/${company.id}/settings/${key}`, id: `section-${key}`,
        'aria-current': key === name ? 'page' : null }, t(`settings.${key}`)))),
    user.support ? el('p', { class: 'note', id: 'read-only' }, t('settings.readOnly')) : '',
    outcome,
    holder);
}
