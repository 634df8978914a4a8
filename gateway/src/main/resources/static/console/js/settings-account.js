// "My account": who is logged in, the language of the pages and mails, and registering a further company.
import { api } from './api.js';
import { el } from './dom.js';
import { LANGUAGES, languageName, t } from './i18n.js';
import { card, field, form, languageField, values } from './settings-form.js';

/**
 * chooseLanguage(code) keeps the language as the user's and draws the pages in it; companyAdded(company) takes the
 * new company into the session and opens it.
 */
export function accountPage(user, chooseLanguage, companyAdded) {
  const context = { readOnly: false };
  const languageForm = form('account', context, 'settings.save', [languageField('account', user.language, LANGUAGES,
    languageName)], (element) => chooseLanguage(element.elements.language.value));
  const companyForm = form('company', context, 'company.register', [
    el('p', { class: 'hint' }, t('company.hint')),
    ['name', 'orgNumber', 'country'].map((name) => field('company', name, name === 'country' ? 'SE' : '')),
    field('company', 'participants', '', { placeholder: '0007:5567321707' }),
  ], async (element) => {
    const body = { ...values(element, ['name', 'orgNumber', 'country']),
      participants: element.elements.participants.value.split(/[\s,]+/).filter(Boolean) };
    await companyAdded(await api('POST', '/api/v1/companies', body));
  });
  return el('section', {},
    el('h1', {}, t('account.title')),
    card('account.who', el('dl', { class: 'fields', id: 'account-who' },
      el('dt', {}, t('account.name')), el('dd', {}, user.name),
      el('dt', {}, t('account.email')), el('dd', {}, user.email))),
    card('account.language', el('p', { class: 'hint' }, t('account.languageHint')), languageForm),
    user.support ? '' : card('company.title', companyForm));
}
