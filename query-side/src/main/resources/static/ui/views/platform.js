// The platform as a whole: edges and their health, the activity feed, the audit trail.
import { get } from '../api.js';
import { badge, duration, empty, errorBox, h, mono, section, shortId, table, time } from '../dom.js';

const STALE_AFTER_SECONDS = 60;

export async function edgesPage(main, _params, signal) {
  const body = h('div', {});
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Edges'),
    h('p', { class: 'dim' }, 'Every region serves every project from its own cache.')), body);
  await draw();
  const refresh = setInterval(() => draw().catch(() => {}), 5000);
  signal.addEventListener('abort', () => clearInterval(refresh));

  async function draw() {
    const page = await get('/v1/dashboard/edges', { limit: 100 }, signal);
    body.replaceChildren(page.items.length ? table(
      ['Edge', 'Health', 'State', 'Last seen', 'Deployments held', 'Owes', 'Sync lag', 'Last acknowledgement'],
      page.items.map(row), { id: 'edges' }) : empty('No edges registered. Register one with `tasman edges add`.'));
  }
}

function health(edge) {
  if (edge.state !== 'ACTIVE') return ['muted', edge.state === 'DRAINED' ? `drained${edge.drainReason ? `: ${edge.drainReason}` : ''}` : 'joining'];
  const silent = edge.lastSeenAt ? (Date.now() - new Date(edge.lastSeenAt)) / 1000 : Infinity;
  if (silent > STALE_AFTER_SECONDS) return ['bad', 'not heard from'];
  if (edge.waitingDeployments > 0) return ['warn', 'syncing'];
  return ['ok', 'healthy'];
}

function row(edge) {
  const [tone, text] = health(edge);
  const ack = edge.lastAcknowledgement;
  return h('tr', { 'data-edge': edge.id },
    h('td', {}, h('strong', { class: 'mono' }, edge.id), h('div', { class: 'dim small' }, edge.region, ' · ',
      h('span', { class: 'mono' }, edge.url))),
    h('td', {}, h('span', { class: `health ${tone}`, 'data-health': tone }, h('span', { class: 'dot', 'aria-hidden': 'true' }), text)),
    h('td', {}, badge(edge.state)),
    h('td', {}, time(edge.lastSeenAt)),
    h('td', {}, String(edge.holdingsCount)),
    h('td', {}, String(edge.waitingDeployments)),
    h('td', {}, edge.syncLagSeconds === undefined || edge.syncLagSeconds === null ? '—' : `${edge.syncLagSeconds} s`),
    h('td', {}, ack ? [shortId(ack.deploymentId), ' ', h('span', { class: 'dim small' }, duration(ack.latencyMs), ' · '),
      time(ack.at)] : '—'));
}

export async function activityPage(main, _params, signal) {
  const list = h('ol', { class: 'feed', id: 'activity' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Older');
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Activity')), h('section', { class: 'card' }, list, more));
  let cursor;
  more.addEventListener('click', () => load().catch((e) => list.append(errorBox(e))));
  await load();

  async function load() {
    const page = await get('/v1/dashboard/activity', { limit: 50, cursor }, signal);
    if (!cursor && !page.items.length) list.replaceChildren(empty('Nothing has happened yet.'));
    list.append(...page.items.map((entry) => h('li', {},
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, (entry.actor || '?').slice(0, 1).toUpperCase()),
      h('div', {}, h('div', {}, h('strong', {}, entry.actor || 'system'), ' ', entry.summary),
        h('div', { class: 'dim small' }, time(entry.at), ' · ', entry.type,
          entry.projectName ? [' · ', h('a', { href: `#/projects/${encodeURIComponent(entry.projectName)}` }, entry.projectName)] : null,
          entry.deploymentId ? [' · ', h('a', { href: `#/deployments/${entry.deploymentId}` }, mono(entry.deploymentId))] : null)))));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
}

export async function auditPage(main, _params, signal) {
  const fields = [['aggregate', 'Aggregate id'], ['type', 'Event type'], ['actor', 'Actor'],
    ['correlationId', 'Correlation id'], ['project', 'Project']];
  const inputs = Object.fromEntries(fields.map(([name]) => [name, h('input', { name, id: `audit-${name}`, type: 'search' })]));
  const form = h('form', { class: 'filters', id: 'audit-filters' },
    fields.map(([name, label]) => h('label', {}, h('span', {}, label), inputs[name])),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  const results = h('div', { id: 'audit' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Later entries');
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Audit trail'),
    h('p', { class: 'dim' }, 'Every change, as the events the control plane recorded. Sealed values stay sealed.')),
  section('Filter', form), h('section', { class: 'card' }, results, more));
  let after;
  let rows = [];
  let latest = 0;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    after = undefined;
    rows = [];
    load().catch((e) => results.replaceChildren(errorBox(e)));
  });
  more.addEventListener('click', () => load().catch((e) => results.append(errorBox(e))));
  await load();

  async function load() {
    const mine = ++latest; // an answer to a search since replaced is dropped
    const params = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    const page = await get('/v1/audit', { ...params, after, limit: 100 }, signal);
    if (mine !== latest) return;
    rows = rows.concat(page.items.map(entry));
    results.replaceChildren(rows.length ? table(['#', 'Time', 'Event', 'Aggregate', 'Actor', ''], rows, { class: 'audit' })
      : empty('No events match.'));
    after = page.nextAfter;
    more.hidden = after === undefined || after === null || page.items.length < 100;
  }
}

function entry(e) {
  const payload = h('pre', { class: 'mono payload' }, JSON.stringify({ payload: e.payload, metadata: e.metadata }, null, 2));
  const details = h('details', {}, h('summary', {}, 'payload'), payload);
  return h('tr', { 'data-position': String(e.position) },
    h('td', { class: 'mono dim' }, String(e.position)),
    h('td', {}, time(e.timestamp)),
    h('td', {}, h('strong', {}, e.type), h('span', { class: 'dim small' }, ` r${e.revision ?? 0}`)),
    h('td', {}, h('span', { class: 'dim small' }, e.aggregateType, ' '), shortId(e.aggregateId), h('span', { class: 'dim small' }, ` #${e.sequence}`)),
    h('td', {}, e.metadata?.actor || '—'),
    h('td', {}, details));
}
