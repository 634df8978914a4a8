// One invoice: its key fields, why it stands where it does (for a sent one not delivered, the fixes), the timeline of
// every event, the validation findings with their rule ids, its delivery over AS4 with the receipt, and the documents.
import { api, SessionEnded } from './api.js';
import { amount, el, fill, minute } from './dom.js';
import { fixPanel } from './fix.js';
import { label, t } from './i18n.js';

const REFRESH_MS = 2000;
/** A retry due this soon is watched as closely as an attempt under way. */
const SOON_MS = 60000;
/** What a fix did, kept for the page it leads to (the corrected invoice's). */
let carried = null;

/**
 * The page of one invoice. While a sent invoice is on its way (waiting for its first attempt, sending, or a retry due
 * within a minute, as after a resend) it shows itself afresh every 2 seconds until it reaches a state that stays.
 */
export async function invoicePage(company, kind, id) {
  const base = `/api/v1/companies/${company.id}/${kind === 'sent' ? 'invoices' : 'received'}/${id}`;
  const sent = kind === 'sent';
  const page = el('article', {});
  const outcome = el('p', { id: 'fix-outcome', class: 'outcome', role: 'status', 'aria-live': 'polite', tabindex: '-1' },
    carried);
  carried = null;
  let drawn = '';
  let timer = null;

  const draw = async () => {
    clearTimeout(timer);
    const invoice = await api('GET', base);
    const diagnosis = sent ? await api('GET', `${base}/diagnosis`) : null;
    const underway = sent && onItsWay(invoice);
    const state = JSON.stringify([invoice, diagnosis, underway]);
    if (state !== drawn) { // unchanged, it is left alone so that nothing typed into a form is lost
      drawn = state;
      fill(page, content(company, kind, id, { base, invoice, diagnosis, outcome, underway,
        panel: diagnosis && fixPanel(invoice, diagnosis, after) }));
    }
    if (underway) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  const refresh = async () => {
    if (!page.isConnected) {
      return; // the user went elsewhere
    }
    try {
      await draw();
    } catch (error) {
      if (error instanceof SessionEnded) {
        location.reload();
        return;
      }
      outcome.textContent = t('error.generic', { detail: error.message });
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  const after = {
    done: async (text) => {
      outcome.className = 'outcome';
      outcome.textContent = text;
      await refresh();
      outcome.focus();
    },
    failed: async (text) => {
      outcome.className = 'outcome error';
      outcome.textContent = text + ' ' + t('fix.refreshed');
      drawn = '';
      await refresh();
      outcome.focus();
    },
    replaced: (newId, text) => {
      carried = text;
      location.hash = `#/${company.id}/sent/${newId}`;
    },
  };
  await draw();
  return page;
}

function onItsWay(invoice) {
  if (invoice.status === 'ACCEPTED' || invoice.status === 'SENDING') {
    return true;
  }
  const next = invoice.delivery && invoice.delivery.nextAttemptAt;
  return invoice.status === 'RETRY_SCHEDULED' && next && new Date(next).getTime() - Date.now() < SOON_MS;
}

/** The page's parts; shown: the invoice and its diagnosis as the API answered them, and the parts made for them. */
function content(company, kind, id, shown) {
  const { base, invoice, diagnosis, outcome, underway, panel } = shown;
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

  return [
    el('p', {}, el('a', { href: `#/${company.id}/${kind}` }, '← ' + t('invoice.back'))),
    el('h1', {}, t(sent ? 'invoice.sent' : 'invoice.received', { number: invoice.invoiceNumber || id })),
    outcome,
    underway ? el('p', { id: 'underway', class: 'muted' }, invoice.delivery && invoice.delivery.nextAttemptAt
      ? t('fix.nextAttempt', { time: minute(invoice.delivery.nextAttemptAt) }) + ' ' : '', t('fix.underway')) : '',
    !sent && trouble && invoice.statusReason
      ? el('div', { class: 'reason', id: 'reason', role: 'note' }, el('strong', {}, t('invoice.why') + ': '), invoice.statusReason)
      : '',
    sent ? links(company, diagnosis) : '',
    panel,
    el('div', { class: 'card' }, el('h2', {}, t('invoice.fields')), fields),
    el('div', { class: 'card' }, el('h2', {}, t('invoice.timeline')), timeline),
    sent ? el('div', { class: 'card' }, el('h2', {}, t('invoice.delivery')), delivery(invoice.delivery)) : '',
    el('div', { class: 'card' }, el('h2', {}, t('invoice.findings')), findings),
    el('div', { class: 'card' }, el('h2', {}, t('invoice.downloads')), downloads)];
}

/** The invoice a corrected one replaces, and the one that replaced it. */
function links(company, diagnosis) {
  const link = (id, textKey, linkKey, elementId) => el('p', { id: elementId, class: 'replacement' },
    t(textKey), ' ', el('a', { href: `#/${company.id}/sent/${id}` }, t(linkKey)));
  return [diagnosis.replaces ? link(diagnosis.replaces, 'fix.replaces', 'fix.openReplaced', 'replaces') : '',
    diagnosis.replacedBy ? link(diagnosis.replacedBy, 'fix.replacedBy', 'fix.openReplacement', 'replaced-by') : ''];
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
