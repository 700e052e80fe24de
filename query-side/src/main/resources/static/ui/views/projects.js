// Projects: the list, and one project with its deployments timeline, domains and variable names.
import { get } from '../api.js';
import { badge, empty, h, mono, section, shortId, table, time } from '../dom.js';
import { promote, rollback, routingButton } from './routing.js';

export async function projectsPage(main, _params, signal) {
  const search = h('input', { type: 'search', id: 'project-search', placeholder: 'Filter by name',
    'aria-label': 'Filter projects by name' });
  const list = h('div', { class: 'grid', id: 'projects' });
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Projects'), search), list);
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  await load();

  async function load() {
    const page = await get('/v1/dashboard/projects', { q: search.value.trim(), limit: 100 }, signal);
    list.replaceChildren(...(page.items.length ? page.items.map(card)
      : [empty('No projects yet. Create one with `tasman projects create <name>`.')]));
  }
}

function card(project) {
  const latest = project.latestDeployment;
  return h('a', { class: 'card project-card', href: `#/projects/${encodeURIComponent(project.name)}`,
    'data-project': project.name },
  h('div', { class: 'row' }, h('strong', { class: 'project-name' }, project.name), latest ? badge(latest.state) : null),
  h('div', { class: 'dim' }, project.domains?.length ? project.domains.join(', ') : `${project.name}.localhost`),
  h('div', { class: 'row small' },
    h('span', {}, 'Live ', project.liveDeploymentId ? shortId(project.liveDeploymentId) : h('span', { class: 'dim' }, 'none')),
    h('span', { class: 'dim' }, 'updated ', time(project.updatedAt))));
}

export async function projectPage(main, name, signal) {
  const body = h('div', { class: 'stack' });
  main.replaceChildren(body);
  await draw();
  // The timeline changes while deployments build and propagate; a light poll keeps it current.
  const refresh = setInterval(() => draw().catch(() => {}), 4000);
  signal.addEventListener('abort', () => clearInterval(refresh));

  async function draw() {
    const [project, deployments] = await Promise.all([
      get(`/v1/dashboard/projects/${encodeURIComponent(name)}`, {}, signal),
      get(`/v1/dashboard/projects/${encodeURIComponent(name)}/deployments`, { limit: 30 }, signal),
    ]);
    if (body.querySelector('.confirm')) return; // never redraw while someone is confirming a routing change
    body.replaceChildren(head(project, draw), timeline(project, deployments.items, draw),
      h('div', { class: 'columns' }, domains(project), variables(project), members(project)));
  }
}

function head(project, refresh) {
  return h('div', { class: 'page-head' },
    h('div', {},
      h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects'), ' / '),
      h('h1', { id: 'project-title' }, project.name),
      h('p', { class: 'dim' }, 'Live: ',
        project.liveDeploymentId
          ? h('a', { href: `#/deployments/${project.liveDeploymentId}`, id: 'live-deployment',
            'data-deployment': project.liveDeploymentId }, mono(project.liveDeploymentId))
          : h('span', { id: 'live-deployment' }, 'nothing yet'),
        project.liveSince ? [' since ', time(project.liveSince)] : null)),
    h('div', { class: 'actions' },
      h('a', { class: 'button secondary', href: `#/metrics?project=${encodeURIComponent(project.name)}` }, 'Metrics'),
      h('a', { class: 'button secondary', href: `#/logs?project=${encodeURIComponent(project.name)}` }, 'Logs'),
      project.liveDeploymentId ? routingButton({
        label: 'Roll back', done: 'Rolled back', id: 'rollback', confirmText: `Route ${project.name} back to the previous release?`,
        action: () => rollback(project.name), then: refresh,
      }) : null));
}

function timeline(project, deployments, refresh) {
  if (!deployments.length) return section('Deployments', empty('No deployments yet. Deploy with `tasman deploy`.'));
  const rows = deployments.map((d) => {
    const live = d.id === project.liveDeploymentId;
    const required = d.requiredEdges?.length || 0;
    const acked = d.acknowledgedEdges?.length || 0;
    let action = null;
    if (!live && d.state === 'READY') {
      action = routingButton({ label: 'Promote', done: 'Promoted', id: `promote-${d.id}`, confirmText: `Send all traffic to ${d.id}?`,
        action: () => promote(project.name, d.id), then: refresh });
    } else if (!live && d.state === 'SUPERSEDED') {
      action = routingButton({ label: 'Roll back to this', done: 'Rolled back', id: `rollback-${d.id}`,
        confirmText: `Route ${project.name} back to ${d.id}?`, action: () => rollback(project.name, d.id), then: refresh });
    }
    return h('tr', { 'data-deployment': d.id, class: live ? 'live' : null },
      h('td', {}, h('a', { href: `#/deployments/${d.id}` }, mono(d.id))),
      h('td', {}, badge(d.state), live ? h('span', { class: 'badge ok outline' }, 'current') : null),
      h('td', {}, d.target?.toLowerCase()),
      h('td', {}, required ? h('span', { class: 'edges-count' }, `${acked}/${required}`) : h('span', { class: 'dim' }, '—')),
      h('td', { class: 'mono small' }, source(d.source)),
      h('td', {}, d.createdBy),
      h('td', {}, time(d.queuedAt)),
      h('td', { class: 'right' }, action));
  });
  return section('Deployments', table(['Deployment', 'State', 'Target', 'Edges', 'Source', 'By', 'Queued', ''], rows,
    { id: 'deployments' }));
}

export function source(s) {
  if (!s) return '—';
  if (s.commit) return `${s.ref || ''}@${s.commit.slice(0, 7)}`;
  return s.kind?.toLowerCase() || '—';
}

function domains(project) {
  return section('Domains', project.domains?.length
    ? h('ul', { class: 'plain' }, project.domains.map((d) => h('li', {}, mono(d.domain), ' ', h('span', { class: 'dim' },
      'added ', time(d.addedAt)))))
    : empty('No custom domains.'));
}

function variables(project) {
  return section('Environment variables', project.environmentVariables?.length
    ? h('ul', { class: 'plain', id: 'env' }, project.environmentVariables.map((v) => h('li', {}, mono(v.name), ' ',
      h('span', { class: 'dim' }, 'updated ', time(v.updatedAt)))))
    : empty('None set. Values are sealed and never shown here.'));
}

function members(project) {
  return section('Members', project.members?.length
    ? h('ul', { class: 'plain' }, project.members.map((m) => h('li', {}, m.subject, ' ', h('span', { class: 'badge muted' },
      m.role.toLowerCase()))))
    : empty('No members besides admins.'));
}
