// Log search: build logs, the deployment timeline and edge requests, from Elasticsearch through /v1/logs.
import { get } from '../api.js';
import { empty, errorBox, h, mono, time } from '../dom.js';

export const hashParams = () => new URLSearchParams(location.hash.split('?')[1] || '');

export async function logsPage(main, _params, signal) {
  const initial = hashParams();
  const q = h('input', { type: 'search', id: 'logs-q', name: 'q', placeholder: 'Search logs, e.g. "npm run build"',
    value: initial.get('q') || '', 'aria-label': 'Search text' });
  const project = h('input', { type: 'search', id: 'logs-project', name: 'project', value: initial.get('project') || '' });
  const kind = h('select', { id: 'logs-kind', name: 'kind' }, [['', 'All kinds'], ['build', 'Build'],
    ['timeline', 'Timeline'], ['request', 'Requests']].map(([value, label]) => h('option', { value }, label)));
  const form = h('form', { class: 'filters', id: 'logs-form' }, h('label', { class: 'grow' }, h('span', {}, 'Search'), q),
    h('label', {}, h('span', {}, 'Project'), project), h('label', {}, h('span', {}, 'Kind'), kind),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  const results = h('div', { id: 'logs' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More');
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Logs')), h('section', { class: 'card' }, form),
    h('section', { class: 'card' }, results, more));
  let cursor;
  let lines = [];
  let latest = 0;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cursor = undefined;
    lines = [];
    search();
  });
  more.addEventListener('click', search);
  await search();

  async function search() {
    const mine = ++latest; // an answer to an older search (slower, or replaced by a new one) is dropped
    try {
      const page = await get('/v1/logs', { q: q.value.trim(), project: project.value.trim(), kind: kind.value, limit: 100,
        cursor }, signal);
      if (mine !== latest) return;
      lines = lines.concat(page.items.map(line));
      results.replaceChildren(lines.length ? h('ol', { class: 'log-lines mono' }, lines) : empty('No log lines match.'));
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      if (mine !== latest) return;
      results.replaceChildren(errorBox(e));
      more.hidden = true;
    }
  }
}

function line(item) {
  const request = item.kind === 'request';
  const tone = request && item.status >= 500 ? 'bad' : request && item.status >= 400 ? 'warn' : '';
  return h('li', { class: `log ${tone}`, 'data-kind': item.kind },
    h('span', { class: 'log-time' }, time(item.time)),
    h('span', { class: 'log-kind' }, item.kind),
    h('span', { class: 'log-where' }, item.projectName || item.project || '', item.edge ? ` @${item.edge}` : ''),
    h('span', { class: 'log-message' }, request
      ? [`${item.method} ${item.host}${item.path} `, h('strong', {}, String(item.status)), ` ${item.durationMs} ms`]
      : item.message),
    item.deployment ? h('a', { class: 'log-deployment', href: `#/deployments/${item.deployment}` }, mono(item.deployment)) : null);
}
