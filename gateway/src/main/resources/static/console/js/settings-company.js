// The company itself: its profile, its contact addresses per role, its payment details (changed only through a link
// mailed to the general contact) and its logo.
import { api, send } from './api.js';
import { el, minute } from './dom.js';
import { LANGUAGES, label, languageName, t } from './i18n.js';
import { actionButton, attempt, card, field, form, languageField, orNone, values } from './settings-form.js';

const PROFILE_FIELDS = ['name', 'orgNumber', 'country', 'street', 'postalCode', 'city'];
const ROLES = ['general', 'invoicing', 'technical', 'reports', 'support'];
const PAYMENT_FIELDS = ['bankName', 'bic', 'accountNumber', 'iban'];

export async function profilePart(context) {
  const [profile, pending] = await Promise.all([api('GET', `${context.base}/profile`), pendingChanges(context)]);
  const profileForm = form('profile', context, 'settings.save', [
    PROFILE_FIELDS.map((name) => field('profile', name, profile[name])),
    languageField('profile', profile.language, LANGUAGES, languageName),
    field('profile', 'participants', profile.participants.join('\n'), { rows: 3 }),
    el('p', { class: 'hint' }, t('profile.hint')),
  ], async (element) => {
    const body = { ...values(element, PROFILE_FIELDS), language: element.elements.language.value,
      participants: element.elements.participants.value.split(/[\s,]+/).filter(Boolean) };
    await changed(context, await api('PUT', `${context.base}/profile`, body));
  });
  return el('div', {}, card('settings.profile', profileForm), pending);
}

export async function contactsPart(context) {
  const [contacts, pending] = await Promise.all([api('GET', `${context.base}/contacts`), pendingChanges(context)]);
  const contactsForm = form('contacts', context, 'settings.save', [
    el('p', { class: 'hint' }, t('contacts.hint')),
    ROLES.map((role) => el('div', { class: 'contact' },
      field('contacts', role, contacts.contacts[role], { type: 'email' }),
      el('span', { class: 'hint', id: `contacts-${role}-effective` },
        t('contacts.goesTo', { address: contacts.effective[role] || '–' })))),
  ], async (element) => {
    await changed(context, await api('PUT', `${context.base}/contacts`, values(element, ROLES)));
  });
  return el('div', {}, card('settings.contacts', contactsForm), pending);
}

export async function paymentPart(context) {
  const [details, pending] = await Promise.all([orNone(api('GET', `${context.base}/payment-details`), {}),
    pendingChanges(context)]);
  const paymentForm = form('payment', context, 'payment.submit', [
    el('p', { class: 'hint' }, t('payment.hint')),
    PAYMENT_FIELDS.map((name) => field('payment', name, details[name])),
  ], async (element) => {
    await changed(context, await api('PUT', `${context.base}/payment-details`, values(element, PAYMENT_FIELDS)));
  });
  const current = details.bankName || details.bic || details.iban || details.accountNumber
    ? el('dl', { class: 'fields', id: 'payment-current' }, PAYMENT_FIELDS.flatMap((name) =>
      [el('dt', {}, t(`payment.${name}`)), el('dd', {}, details[name] || '–')]))
    : el('p', { class: 'muted', id: 'payment-current' }, t('payment.none'));
  return el('div', {}, card('payment.current', current), card('payment.change', paymentForm), pending);
}

/** Says what a change did: saved at once, or waiting for the link mailed to the general contact. */
async function changed(context, answer) {
  await context.done(answer.pending
    ? t('settings.mailSent', { address: answer.pending.sentTo, until: minute(answer.pending.expiresAt) })
    : t('settings.saved'));
}

/** The changes that wait for their mailed link: what changes, where the link went, until when it is valid. */
async function pendingChanges(context) {
  const pending = (await api('GET', `${context.base}/pending-changes`)).items;
  return card('pending.title', pending.length === 0
    ? el('p', { class: 'muted', id: 'pending-changes' }, t('pending.none'))
    : el('ul', { id: 'pending-changes' }, pending.map((change) => el('li', {},
      el('strong', {}, label('pending.kind', change.kind)), ': ', change.summary, ' ',
      el('span', { class: 'muted' }, t('pending.sentTo', { address: change.sentTo, until: minute(change.expiresAt) }))))));
}

export async function logoPart(context) {
  const path = `${context.base}/logo`;
  const stored = await orNone(send('GET', path, undefined, 'image/*'));
  const preview = el('img', { id: 'logo-preview', alt: t('logo.preview'), hidden: true });
  const file = el('input', { type: 'file', id: 'logo-file', accept: 'image/png,image/jpeg,image/gif',
    onchange: () => {
      preview.hidden = !file.files[0];
      if (file.files[0]) {
        preview.src = URL.createObjectURL(file.files[0]);
      }
    } });
  const upload = actionButton(context, 'logo-upload', 'logo.upload', () => attempt(context, async () => {
    if (!file.files[0]) {
      return context.refused(t('logo.choose'));
    }
    const logo = await send('PUT', path, file.files[0]);
    await context.done(t('logo.saved', { width: logo.width, height: logo.height }));
  }));
  const remove = stored ? actionButton(context, 'logo-remove', 'logo.remove', () => attempt(context, async () => {
    if (window.confirm(t('logo.confirmRemove'))) {
      await api('DELETE', path);
      await context.done(t('logo.removed'));
    }
  })) : '';
  return el('div', {},
    card('logo.current', stored
      ? el('img', { id: 'logo-image', class: 'logo', src: URL.createObjectURL(stored), alt: t('logo.current') })
      : el('p', { class: 'muted', id: 'logo-image' }, t('logo.none')), el('div', { class: 'toolbar' }, remove)),
    context.readOnly ? '' : card('logo.new', el('p', { class: 'hint' }, t('logo.hint')),
      el('div', { class: 'toolbar' }, file, upload), preview));
}
