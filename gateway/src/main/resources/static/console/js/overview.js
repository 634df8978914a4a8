// The overview: the flow of the last days in pictures, each part a link to the list behind it.
import { api, query } from './api.js';
import { el, svg } from './dom.js';
import { t } from './i18n.js';

const DAYS = 30;

export async function overviewPage(company) {
  const flow = await api('GET', `/api/v1/companies/${company.id}/overview?days=${DAYS}`);
  const list = (kind, params) => `#/${company.id}/${kind}?${query(params)}`;
  return el('section', {},
    el('h1', {}, t('overview.title', { days: DAYS }), ' ', el('span', { class: 'muted' }, `· ${company.name}`)),
    el('div', { class: 'charts' },
      el('div', { class: 'card chart', id: 'chart-per-day' }, el('h2', {}, t('overview.perDay')), perDay(flow, list),
        el('div', { class: 'legend' }, el('span', { style: '--c: var(--sent)' }, t('overview.sent')),
          el('span', { style: '--c: var(--received)' }, t('overview.received')))),
      el('div', { class: 'card chart', id: 'chart-share' }, el('h2', {}, t('overview.share')), share(flow, list)),
      el('div', { class: 'card chart', id: 'chart-waiting' }, el('h2', {}, t('overview.waiting')),
        el('p', { class: 'big' }, el('a', { href: list('sent', { status: 'UNDELIVERED' }), id: 'waiting' },
          String(flow.undeliveredWaiting))),
        el('p', {}, el('a', { href: list('sent', { status: 'UNDELIVERED' }) }, t('overview.waitingLink'))))));
}

/** Two bars a day, sent and received; each bar opens that day's list. */
function perDay(flow, list) {
  const width = 600;
  const height = 200;
  const slot = width / flow.days.length;
  const most = Math.max(1, ...flow.days.map((day) => Math.max(day.sent, day.received)));
  const bars = flow.days.flatMap((day, index) => [['sent', day.sent, 'var(--sent)', 0], ['received', day.received,
    'var(--received)', 1]].map(([kind, count, colour, side]) => {
    const barHeight = Math.round((count / most) * (height - 20));
    const title = t('overview.barTitle', { date: day.date, count, what: t(`overview.${kind}`) });
    return svg('a', { href: list(kind, { from: day.date, to: day.date }), 'aria-label': title, class: `bar ${kind}` },
      svg('title', {}, title),
      svg('rect', { x: index * slot + side * (slot / 2) + 1, y: height - barHeight, width: Math.max(1, slot / 2 - 2),
        height: Math.max(barHeight, count > 0 ? 1 : 0), fill: colour }));
  }));
  const first = flow.days[0].date;
  const last = flow.days[flow.days.length - 1].date;
  return svg('svg', { viewBox: `0 0 ${width} ${height + 18}`, role: 'img', 'aria-label': t('overview.perDay') },
    svg('line', { x1: 0, y1: height, x2: width, y2: height, stroke: '#aab1bf' }),
    ...bars,
    svg('text', { x: 0, y: height + 14, 'font-size': 16, fill: '#5b6475' }, first),
    svg('text', { x: width, y: height + 14, 'font-size': 16, fill: '#5b6475', 'text-anchor': 'end' }, last));
}

/** One bar split by how the sent invoices stand; each part opens the list of that state. */
function share(flow, list) {
  if (flow.sent === 0) {
    return el('p', {}, t('overview.none'));
  }
  const parts = [['delivered', flow.delivered, 'var(--good)', 'DELIVERED'],
    ['underway', flow.underway, 'var(--warn)', ''],
    ['undelivered', flow.undelivered, 'var(--bad)', 'UNDELIVERED'],
    ['rejected', flow.rejected, '#8a94a6', 'REJECTED']];
  let x = 0;
  const width = 600;
  const segments = parts.filter(([, count]) => count > 0).map(([key, count, colour, status]) => {
    const w = (count / flow.sent) * width;
    const title = `${t(`overview.${key}`)}: ${count}`;
    const segment = svg('a', { href: list('sent', { status, from: flow.from }), 'aria-label': title },
      svg('title', {}, title), svg('rect', { x, y: 0, width: w, height: 36, fill: colour }));
    x += w;
    return segment;
  });
  const percent = Math.round((flow.delivered / flow.sent) * 100);
  return el('div', {},
    el('p', { class: 'big', id: 'share' }, `${percent} %`),
    svg('svg', { viewBox: `0 0 ${width} 36`, role: 'img', 'aria-label': t('overview.share') }, ...segments),
    el('div', { class: 'legend' }, parts.map(([key, count, colour, status]) =>
      el('a', { href: list('sent', { status, from: flow.from }) },
        el('span', { style: `--c: ${colour}` }, `${t(`overview.${key}`)}: ${count}`)))));
}
