// One invoice: its key fields, why it stands where it does, the timeline of every event, the validation findings with
// their rule ids, its delivery over AS4 with the receipt, and the documents to download.
import { api } from './api.js';
import { amount, el, minute } from './dom.js';
import { label, t } from './i18n.js';

export async function invoicePage(company, kind, id) {
  const base = `/api/v1/companies/${company.id}/${kind === 'sent' ? 'invoices' : 'received'}/${id}`;
  const invoice = await api('GET', base);
  const sent = kind === 'sent';
  const trouble = ['UNDELIVERED', 'REJECTED', 'RETRY_SCHEDULED', 'REJECTED_BY_RECEIVER'].includes(invoice.status);

  const fields = el('dl', { class: 'fields', id: 'fields' },
    pair('field.status', el('span', { class: `status ${invoice.status}`, id: 'status' }, label('status', invoice.status))),
    pair('field.counterpart', invoice.counterpart || ''),
    pair('field.sender', invoice.sender),
    pair('field.receiver', invoice.receiver),
    pair('field.issueDate', invoice.issueDate),
    pair('field.receivedAt', minute(invoice.receivedAt) + ' UTC'),
    pair('field.total', `${amount(invoice.total)} ${invoice.currency || ''}`),
    sent ? pair('field.channel', label('channel', invoice.channel)) : pair('field.sendingAccessPoint', invoice.sendingAccessPoint),
    pair('field.documentType', invoice.documentType),
    pair('field.ruleset', invoice.ruleset),
    sent ? pair('field.sourceName', invoice.sourceName) : pair('field.valid', t(`valid.${invoice.valid}`)));

  const timeline = el('ol', { class: 'timeline', id: 'timeline' }, invoice.history.map((event) =>
    el('li', { class: event.status },
      el('strong', {}, label('status', event.status)),
      el('time', { datetime: event.at }, minute(event.at) + ' UTC'),
      event.reason ? el('div', {}, event.reason) : '')));

  const findings = invoice.findings.length === 0 ? el('p', { id: 'findings' }, t('invoice.noFindings'))
    : el('table', { id: 'findings' },
      el('thead', {}, el('tr', {}, ['finding.rule', 'finding.severity', 'finding.message', 'finding.line',
        'finding.location'].map((key) => el('th', { scope: 'col' }, t(key))))),
      el('tbody', {}, invoice.findings.map((finding) => el('tr', {},
        el('td', {}, el('code', {}, finding.rule)), el('td', {}, finding.severity), el('td', {}, finding.message),
        el('td', {}, finding.line ?? ''), el('td', {}, el('code', {}, finding.location || ''))))));

  const downloads = el('ul', { id: 'downloads' },
    el('li', {}, el('a', { href: `${base}/document`, download: '' }, t('invoice.original'))),
    sent ? el('li', {}, el('a', { href: `${base}/rendering`, target: '_blank', rel: 'noopener' }, t('invoice.rendering'))) : '',
    sent && invoice.delivery && invoice.delivery.receipt
      ? el('li', {}, el('a', { href: `${base}/receipt`, download: '', id: 'receipt' }, t('invoice.receipt'))) : '');

  return el('article', {},
    el('p', {}, el('a', { href: `#/${company.id}/${kind}` }, '← ' + t('invoice.back'))),
    el('h1', {}, t(sent ? 'invoice.sent' : 'invoice.received', { number: invoice.invoiceNumber || id })),
    trouble && invoice.statusReason
      ? el('div', { class: 'reason', id: 'reason', role: 'note' }, el('strong', {}, t('invoice.why') + ': '), invoice.statusReason)
      : '',
    // The fix actions of a support user (resend, correct the recipient, upload a corrected document, cancel) go in
    // this section; they come with the support actions API.
    sent ? el('section', { id: 'fix-actions', 'data-invoice': id, 'data-status': invoice.status, hidden: true }) : '',
    el('div', { class: 'card' }, el('h2', {}, t('invoice.fields')), fields),
    el('div', { class: 'card' }, el('h2', {}, t('invoice.timeline')), timeline),
    sent ? el('div', { class: 'card' }, el('h2', {}, t('invoice.delivery')), delivery(invoice.delivery)) : '',
    el('div', { class: 'card' }, el('h2', {}, t('invoice.findings')), findings),
    el('div', { class: 'card' }, el('h2', {}, t('invoice.downloads')), downloads));
}

function delivery(record) {
  if (!record) {
    return el('p', {}, t('invoice.noDelivery'));
  }
  return el('dl', { class: 'fields', id: 'delivery' },
    pair('field.as4MessageId', record.as4MessageId),
    pair('field.attempts', record.attempts),
    record.nextAttemptAt ? pair('field.nextAttemptAt', minute(record.nextAttemptAt) + ' UTC') : '',
    pair('field.receivingEndpoint', record.receivingEndpoint),
    pair('field.receivingAccessPoint', record.receivingAccessPoint),
    pair('field.receiptMessageId', record.receiptMessageId),
    record.deliveredAt ? pair('field.deliveredAt', minute(record.deliveredAt) + ' UTC') : '');
}

function pair(key, value) {
  return [el('dt', {}, t(key)), el('dd', {}, value ?? '')];
}
