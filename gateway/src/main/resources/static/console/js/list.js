// The lists of sent and received invoices: search fields, sortable columns, paging, a remembered choice of columns,
// and a Report button that exports exactly the rows and columns shown.
import { api, query } from './api.js';
import { amount, el, minute, say } from './dom.js';
import { label, t } from './i18n.js';

const PAGE_SIZE = 25;
const LISTS = {
  sent: {
    path: 'invoices',
    columns: ['invoiceNumber', 'counterpart', 'receiver', 'issueDate', 'receivedAt', 'total', 'currency', 'status',
      'channel', 'documentType'],
    shown: ['invoiceNumber', 'counterpart', 'issueDate', 'receivedAt', 'total', 'currency', 'status', 'channel'],
    sortable: ['invoiceNumber', 'counterpart', 'issueDate', 'receivedAt', 'total', 'status', 'channel'],
    statuses: ['RECEIVED', 'ACCEPTED', 'REJECTED', 'SENDING', 'RETRY_SCHEDULED', 'DELIVERED', 'UNDELIVERED',
      'ACCEPTED_BY_RECEIVER', 'REJECTED_BY_RECEIVER', 'REPLACED', 'CANCELLED'],
    channels: ['FOLDER', 'API', 'QUEUE'],
  },
  received: {
    path: 'received',
    columns: ['invoiceNumber', 'counterpart', 'sender', 'issueDate', 'receivedAt', 'total', 'currency', 'status',
      'documentType', 'valid'],
    shown: ['invoiceNumber', 'counterpart', 'issueDate', 'receivedAt', 'total', 'currency', 'status', 'valid'],
    sortable: ['invoiceNumber', 'counterpart', 'issueDate', 'receivedAt', 'total', 'status'],
    statuses: ['RECEIVED_FROM_NETWORK', 'AVAILABLE_TO_CUSTOMER', 'DELIVERED_TO_CUSTOMER'],
    channels: null,
  },
};
const FIELDS = ['number', 'counterpart', 'from', 'to', 'status', 'channel'];

/** The text of a cell, as the export writes it too. */
function cell(row, column) {
  const value = row[column];
  switch (column) {
    case 'status': return label('status', value);
    case 'channel': return label('channel', value);
    case 'valid': return t(`valid.${value}`);
    case 'receivedAt': return minute(value);
    case 'total': return amount(value);
    default: return value ?? '';
  }
}

export async function listPage(company, kind, params) {
  const list = LISTS[kind];
  const saved = (await api('GET', `/api/v1/account/preferences/columns.${kind}`)).value;
  let columns = saved ? saved.split(',').filter((c) => list.columns.includes(c)) : list.shown;
  const search = Object.fromEntries(FIELDS.map((name) => [name, params.get(name) || '']));
  const sort = params.get('sort') || '';
  const dir = params.get('dir') || '';
  // A page is read from the cursor of the page before or after it (or from the end), so that far pages are as
  // quick as near ones; the page number is only shown, and unknown after jumping to the end of a long list.
  const place = { after: params.get('after') || '', before: params.get('before') || '', last: params.get('last') || '' };
  const byCursor = Boolean(place.after || place.before || place.last);
  const page = params.get('page') ? Number(params.get('page')) : (byCursor ? null : 0);
  const listQuery = { ...search, channel: list.channels ? search.channel : '', sort, dir, size: PAGE_SIZE,
    ...(byCursor ? place : { page }) };
  const result = await api('GET', `/api/v1/companies/${company.id}/${list.path}?${query(listQuery)}`);

  const open = (changes) => {
    const next = { ...search, sort, dir, page: 0, ...changes };
    location.hash = `#/${company.id}/${kind}?${query(next.page === 0 ? { ...next, page: '' } : next)}`;
  };

  const form = el('form', { class: 'search card', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    open(Object.fromEntries(FIELDS.map((name) => [name, form.elements[name] ? form.elements[name].value.trim() : ''])));
  } },
  field('number', 'search.number', 'text', search.number),
  field('counterpart', 'search.counterpart', 'text', search.counterpart),
  field('from', 'search.from', 'date', search.from),
  field('to', 'search.to', 'date', search.to),
  choice('status', 'search.status', list.statuses, (s) => label('status', s), search.status),
  list.channels ? choice('channel', 'search.channel', list.channels, (c) => label('channel', c), search.channel) : '',
  el('button', { class: 'primary', type: 'submit', id: 'search' }, t('search.submit')),
  el('button', { type: 'button', onclick: () => open(Object.fromEntries(FIELDS.map((n) => [n, '']))) }, t('search.clear')));

  const table = el('table', { id: 'invoices' });
  const drawTable = () => {
    const head = el('tr', {}, columns.map((column) => {
      const sorted = sort === column || (!sort && column === 'receivedAt');
      const descending = sorted && (dir || 'desc') === 'desc';
      const title = t(`column.${column}`);
      return el('th', { scope: 'col', 'data-column': column,
        'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null },
      list.sortable.includes(column)
        ? el('button', { type: 'button', title: t('list.sort', { column: title }),
          onclick: () => open({ sort: column, dir: sorted && !descending ? 'desc' : 'asc', page: 0 }) }, title)
        : title);
    }));
    const rows = result.items.map((row) => el('tr', { 'data-id': row.id }, columns.map((column) => {
      const text = cell(row, column);
      if (column === 'invoiceNumber') {
        return el('td', {}, el('a', { href: `#/${company.id}/${kind}/${row.id}` }, text || row.id.substring(0, 8)));
      }
      if (column === 'status') {
        return el('td', {}, el('span', { class: `status ${row.status}` }, text));
      }
      return el('td', { class: column === 'total' ? 'number' : null }, text);
    })));
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, rows.length ? rows
      : el('tr', {}, el('td', { colspan: columns.length }, t('list.empty')))));
    report.href = `/api/v1/companies/${company.id}/${list.path}.xlsx?${query({ ...listQuery, columns: columns.join(',') })}`;
  };

  const chooser = el('fieldset', { class: 'columns', id: 'column-chooser', hidden: true },
    el('legend', {}, t('columns.legend')),
    list.columns.map((column) => el('label', {},
      el('input', { type: 'checkbox', name: column, checked: columns.includes(column), onchange: async () => {
        const chosen = list.columns.filter((c) => chooser.querySelector(`input[name="${c}"]`).checked);
        if (chosen.length === 0) {
          return;
        }
        columns = chosen;
        drawTable();
        await api('PUT', `/api/v1/account/preferences/columns.${kind}`, { value: columns.join(',') });
        say(t('columns.saved'));
      } }), ' ', t(`column.${column}`))));
  const chooseButton = el('button', { type: 'button', id: 'choose-columns', 'aria-expanded': 'false',
    'aria-controls': 'column-chooser', onclick: () => {
      chooser.hidden = !chooser.hidden;
      chooseButton.setAttribute('aria-expanded', String(!chooser.hidden));
    } }, t('columns.choose'));
  const report = el('a', { id: 'report', class: 'button', download: '' }, t('report'));
  drawTable();

  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const lastPage = result.totalExact ? pages - 1 : '';
  const near = (step) => (page === null ? '' : page + step);
  const turn = (changes) => open({ after: '', before: '', last: '', ...changes });
  let position;
  if (!result.totalExact) {
    position = page === null ? t('pager.many', { total: result.total })
      : t('pager.positionOfMany', { page: page + 1, total: result.total });
  } else {
    position = t('pager.position', { page: (page ?? lastPage) + 1, pages, total: result.total });
  }
  const pager = el('nav', { class: 'pager', 'aria-label': 'pages' },
    el('button', { type: 'button', id: 'first', disabled: !result.previous, onclick: () => turn({ page: 0 }) },
      t('pager.first')),
    el('button', { type: 'button', id: 'previous', disabled: !result.previous,
      onclick: () => (page === 1 ? turn({ page: 0 })
        : turn({ page: near(-1), before: result.previous })) },
    t('pager.previous')),
    el('span', { id: 'position' }, position),
    el('button', { type: 'button', id: 'next', disabled: !result.next,
      onclick: () => turn({ page: near(1), after: result.next }) }, t('pager.next')),
    el('button', { type: 'button', id: 'last', disabled: !result.next,
      onclick: () => turn({ page: lastPage, last: 'true' }) }, t('pager.last')));

  return el('section', {},
    el('h1', {}, t(`nav.${kind}`), ' ', el('span', { class: 'muted' }, `· ${company.name}`)),
    form,
    el('div', { class: 'toolbar' }, chooseButton, el('span', { class: 'spacer' }), report),
    chooser,
    table,
    pager);
}

function field(name, key, type, value) {
  return el('label', {}, t(key), el('input', { name, type, value, id: `search-${name}` }));
}

function choice(name, key, codes, words, value) {
  return el('label', {}, t(key), el('select', { name, id: `search-${name}` },
    el('option', { value: '' }, t('search.any')),
    codes.map((code) => el('option', { value: code, selected: code === value }, words(code)))));
}
