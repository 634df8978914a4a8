// Who and what may act for the company: its people (invited by e-mail) and its API keys (the secret shown once).
import { api, ApiError } from './api.js';
import { el, minute } from './dom.js';
import { LANGUAGES, language, languageName, t } from './i18n.js';
import { actionButton, attempt, card, field, form, languageField, values } from './settings-form.js';

export async function usersPart(context) {
  const path = `${context.base}/users`;
  const people = (await api('GET', path)).items;
  const table = el('table', { id: 'users' },
    el('thead', {}, el('tr', {}, ['users.email', 'users.name', 'users.role', 'users.since', ''].map((key) =>
      el('th', {}, key ? t(key) : '')))),
    el('tbody', {}, people.map((person) => el('tr', { 'data-email': person.email },
      el('td', {}, person.email), el('td', {}, person.name), el('td', {}, t(`users.role.${person.role}`)),
      el('td', {}, minute(person.grantedAt)),
      el('td', {}, actionButton(context, `remove-${person.id}`, 'users.remove',
        () => attempt(context, () => remove(context, path, person))))))));
  const invite = form('invite', context, 'invite.submit', [
    el('p', { class: 'hint' }, t('invite.hint')),
    field('invite', 'email', '', { type: 'email', required: true }),
    field('invite', 'name', ''),
    languageField('invite', language(), LANGUAGES, languageName),
  ], async (element) => {
    const added = await api('POST', path,
      { ...values(element, ['email', 'name']), language: element.elements.language.value });
    await context.done(t(added.invited ? 'invite.invited' : 'invite.granted', { email: added.email }));
  });
  return el('div', {}, card('settings.users', table), context.readOnly ? '' : card('invite.title', invite));
}

async function remove(context, path, person) {
  if (!window.confirm(t('users.confirmRemove', { email: person.email }))) {
    return;
  }
  try {
    await api('DELETE', `${path}/${person.id}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      return context.refused(t('users.lastAdministrator', { email: person.email }));
    }
    throw error;
  }
  await context.done(t('users.removed', { email: person.email }));
}

export async function apiKeysPart(context) {
  const path = `/api/v1/companies/${context.company.id}/api-keys`;
  const keys = (await api('GET', path)).items;
  const table = el('table', { id: 'api-keys' },
    el('thead', {}, el('tr', {}, ['keys.label', 'keys.lastFour', 'keys.created', 'keys.state', ''].map((key) =>
      el('th', {}, key ? t(key) : '')))),
    el('tbody', {}, keys.map((key) => el('tr', { 'data-label': key.label },
      el('td', {}, key.label), el('td', {}, key.lastFour ? `…${key.lastFour}` : ''), el('td', {}, minute(key.createdAt)),
      el('td', {}, key.revokedAt ? t('keys.revokedAt', { at: minute(key.revokedAt) }) : t('keys.active')),
      el('td', {}, key.revokedAt ? '' : actionButton(context, `revoke-${key.id}`, 'keys.revoke',
        () => attempt(context, async () => {
          if (window.confirm(t('keys.confirmRevoke', { label: key.label }))) {
            await api('DELETE', `${path}/${key.id}`);
            await context.done(t('keys.revoked', { label: key.label }));
          }
        })))))));
  const secret = el('div', { id: 'new-key', hidden: true });
  const create = form('key', context, 'keys.create', [field('key', 'label', '', { required: true })], async (element) => {
    const made = await api('POST', path, values(element, ['label']));
    await context.done(t('keys.made', { label: made.label }));
    // drawn after the section is drawn afresh: the secret is in this answer only
    document.getElementById('new-key').replaceWith(shownOnce(made.key));
  });
  return el('div', {}, context.readOnly ? '' : card('keys.new', create, secret), card('settings.api-keys', table));
}

/** The new key's secret, with a button to copy it and the warning that it is never shown again. */
function shownOnce(key) {
  const value = el('input', { id: 'new-key-secret', readonly: true, value: key, size: 60 });
  return el('div', { id: 'new-key', class: 'secret' },
    el('p', { class: 'warning', role: 'alert' }, t('keys.once')),
    el('div', { class: 'toolbar' }, value, el('button', { type: 'button', id: 'copy-key', onclick: async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(key);
      } catch (notAllowed) {
        document.execCommand('copy'); // a page not served over https has no clipboard API
      }
      document.getElementById('copy-key').textContent = t('keys.copied');
    } }, t('keys.copy'))));
}
