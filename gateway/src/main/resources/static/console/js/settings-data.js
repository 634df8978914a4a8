// What the company publishes and keeps: its registration as a recipient in Peppol, its customer register (imported
// from a file, with a report of every row), and its monthly report.
import { api, ApiError, send } from './api.js';
import { el, minute } from './dom.js';
import { label, t } from './i18n.js';
import { actionButton, attempt, card, orNone, saveFile } from './settings-form.js';

const BILLING_PROCESS = 'cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
const BILLING_VERSION = '##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1';
/** The document types a company chooses here; others registered over the API are kept as they are. */
const DOCUMENTS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice' + BILLING_VERSION,
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote' + BILLING_VERSION,
};

function documentName(documentType) {
  const known = Object.keys(DOCUMENTS).find((key) => documentType.endsWith(DOCUMENTS[key]));
  return known ? t(`recipient.${known}`) : documentType;
}

export async function recipientPart(context) {
  const path = `${context.base}/recipient`;
  const registration = await orNone(api('GET', path));
  const registered = (registration && registration.documentTypes) || [];
  const boxes = Object.keys(DOCUMENTS).map((key) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', id: `recipient-${key}`, name: key, disabled: context.readOnly,
      checked: !registration || registered.some((type) => type.documentType.endsWith(DOCUMENTS[key])) }),
    t(`recipient.${key}`)));
  const register = actionButton(context, 'recipient-register', registration ? 'recipient.update' : 'recipient.register',
    () => attempt(context, async () => {
      const chosen = Object.keys(DOCUMENTS).filter((key) => document.getElementById(`recipient-${key}`).checked)
        .map((key) => ({ documentType: `busdox-docid-qns::${DOCUMENTS[key]}`, process: BILLING_PROCESS }));
      const others = registered.filter((type) => !Object.values(DOCUMENTS)
        .some((known) => type.documentType.endsWith(known)));
      if (chosen.length + others.length === 0) {
        return context.refused(t('recipient.chooseOne'));
      }
      const answer = await smlCall(context, () => api('PUT', path, {
        participants: registration ? registration.participants : undefined, documentTypes: [...chosen, ...others] }));
      if (answer) {
        await context.done(t('recipient.registered', { participants: answer.participants.join(', '),
          count: answer.documentTypes.length, sml: answer.sml }));
      }
    }));
  const unregister = registration ? actionButton(context, 'recipient-remove', 'recipient.remove',
    () => attempt(context, async () => {
      if (window.confirm(t('recipient.confirmRemove'))) {
        if (await smlCall(context, () => api('DELETE', path))) {
          await context.done(t('recipient.removed'));
        }
      }
    })) : '';
  const state = registration
    ? el('dl', { class: 'fields', id: 'recipient-state' },
      el('dt', {}, t('recipient.participants')), el('dd', {}, registration.participants.join(', ')),
      el('dt', {}, t('recipient.documentTypes')), el('dd', {}, el('ul', {}, registered.map((type) =>
        el('li', {}, documentName(type.documentType))))),
      el('dt', {}, t('recipient.since')), el('dd', {}, minute(registration.registeredAt)),
      el('dt', {}, t('recipient.sml')), el('dd', {}, registration.sml))
    : el('p', { id: 'recipient-state' }, t('recipient.notRegistered'));
  return el('div', {}, card('settings.recipient', el('p', { class: 'hint' }, t('recipient.hint')), state),
    card('recipient.choose', el('div', { class: 'checks' }, boxes), el('div', { class: 'toolbar' }, register, unregister)));
}

/** A call that reaches the SML: its refusal (502) is said in words, with the SML's own reason. True when it went. */
async function smlCall(context, call) {
  try {
    return (await call()) ?? true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 502) {
      context.refused(t('recipient.smlFailed', { detail: error.message }));
      return false;
    }
    throw error;
  }
}

export async function customersPart(context) {
  const path = `${context.base}/customers/imports`;
  const imports = await api('GET', path);
  const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.xlsx,text/csv' });
  const upload = actionButton(context, 'import-upload', 'imports.upload', () => attempt(context, async () => {
    if (!file.files[0]) {
      return context.refused(t('imports.choose'));
    }
    const body = new FormData();
    body.append('file', file.files[0]);
    const started = await send('POST', path, body);
    context.openImport = started.id;
    await context.done(t('imports.started', { file: file.files[0].name }));
  }));
  const opened = imports.find((entry) => entry.id === context.openImport);
  const part = el('div', {},
    context.readOnly ? '' : card('imports.new', el('p', { class: 'hint' }, t('imports.hint')),
      el('div', { class: 'toolbar' }, file, upload)),
    card('imports.title',
      imports.length === 0 ? el('p', { class: 'muted' }, t('imports.none')) : importTable(context, imports)),
    opened ? await report(context, path, opened) : '');
  if (imports.some((entry) => entry.status === 'QUEUED' || entry.status === 'RUNNING')) {
    // an import runs in the background: show its progress until it ends, while the page is open
    setTimeout(() => part.isConnected && context.redraw(), 1000);
  }
  return part;
}

function importTable(context, imports) {
  return el('table', { id: 'imports' },
    el('thead', {}, el('tr', {}, ['imports.file', 'imports.at', 'imports.status', 'imports.rows', 'imports.counts', '']
      .map((key) => el('th', {}, key ? t(key) : '')))),
    el('tbody', {}, imports.map((entry) => el('tr', { 'data-id': entry.id },
      el('td', {}, entry.fileName || '–'), el('td', {}, minute(entry.createdAt)),
      el('td', {}, el('span', { class: `status ${entry.status}` }, label('imports.state', entry.status)),
        entry.detail ? el('div', { class: 'error' }, entry.detail) : ''),
      el('td', { class: 'number' }, `${entry.rowsDone} / ${entry.totalRows ?? '?'}`),
      el('td', {}, t('imports.countsText', entry.counts || {})),
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => {
        context.openImport = entry.id;
        context.redraw();
      } }, t('imports.show')))))));
}

/** The result of one import: how many rows were taken and refused, and each row with its reason. */
async function report(context, path, entry) {
  if (entry.status === 'QUEUED' || entry.status === 'RUNNING') {
    return card('imports.report', el('p', { id: 'import-summary' }, t('imports.running',
      { file: entry.fileName || '–', done: entry.rowsDone, total: entry.totalRows ?? '?' })));
  }
  const rows = await api('GET', `${path}/${entry.id}/report`);
  const refused = rows.filter((row) => row.outcome === 'INVALID').length;
  const download = el('button', { type: 'button', id: 'import-csv', onclick: () => attempt(context, async () =>
    saveFile(await send('GET', `${path}/${entry.id}/report`, undefined, 'text/csv'), `import-${entry.id}.csv`)) },
  t('imports.csv'));
  return card('imports.report',
    el('p', { id: 'import-summary' }, t('imports.summary', { file: entry.fileName || '–', imported: rows.length - refused,
      refused })),
    el('div', { class: 'toolbar' }, download),
    el('table', { id: 'import-report' },
      el('thead', {}, el('tr', {}, ['imports.line', 'imports.outcome', 'imports.name', 'imports.orgNumber',
        'imports.country', 'imports.participant', 'imports.reason'].map((key) => el('th', {}, t(key))))),
      el('tbody', {}, rows.map((row) => el('tr', { class: row.outcome === 'INVALID' ? 'refused' : null },
        el('td', { class: 'number' }, String(row.line)), el('td', {}, label('imports.outcome', row.outcome)),
        el('td', {}, row.name || ''), el('td', {}, row.orgNumber || ''), el('td', {}, row.country || ''),
        el('td', {}, row.participant || ''), el('td', {}, row.reason || ''))))));
}

export async function monthlyPart(context) {
  const path = `${context.base}/reports/monthly`;
  const setting = await api('GET', `${path}/settings`);
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().substring(0, 7);
  const month = el('input', { type: 'month', id: 'monthly-month', value: last, max: now.toISOString().substring(0, 7) });
  const download = el('button', { type: 'button', id: 'monthly-download', onclick: () => attempt(context, async () =>
    saveFile(await send('GET', `${path}/${month.value}.xlsx`, undefined,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), `report-${month.value}.xlsx`)) },
  t('monthly.download'));
  const toggle = el('input', { type: 'checkbox', id: 'monthly-enabled', checked: setting.enabled, disabled: context.readOnly,
    onchange: () => attempt(context, async () => {
      const saved = await api('PUT', `${path}/settings`, { enabled: toggle.checked });
      await context.done(t(saved.enabled ? 'monthly.on' : 'monthly.off'));
    }) });
  return el('div', {},
    card('monthly.mail', el('label', { class: 'check' }, toggle, t('monthly.enabled')),
      el('p', { class: 'hint' }, t('monthly.hint'))),
    card('monthly.past', el('div', { class: 'toolbar' }, el('label', {}, t('monthly.month') + ' ', month), download)));
}
