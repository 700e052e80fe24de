// One deployment: its stages, and per edge whether it holds the deployment yet, live while it propagates.
import { get, stream } from '../api.js';
import { badge, bytes, duration, errorBox, h, mono, section, time } from '../dom.js';
import { source } from './projects.js';
import { promote, rollback, routingButton } from './routing.js';

const FINAL = new Set(['LIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED']);
const STAGES = [
  ['Queued', 'queuedAt'], ['Building', 'buildStartedAt'], ['Built', 'builtAt'],
  ['Propagating', 'propagationRequestedAt'], ['Ready everywhere', 'readyAt'], ['Live', 'liveAt'],
];

export async function deploymentPage(main, id, signal) {
  const [deployment, edges] = await Promise.all([
    appeared(main, id, signal),
    get('/v1/dashboard/edges', { limit: 100 }, signal).catch(() => ({ items: [] })),
  ]);
  const regions = Object.fromEntries(edges.items.map((e) => [e.id, e.region]));
  const liveIndicator = h('span', { class: 'stream', id: 'stream-status' });
  const body = h('div', { class: 'stack' });
  main.replaceChildren(body);
  let project = await get(`/v1/dashboard/projects/${encodeURIComponent(deployment.projectId)}`, {}, signal);
  const buildLog = h('section', { class: 'card', id: 'build-log' }, h('h2', {}, 'Build log'));
  let logState;
  draw(deployment);
  follow(deployment);

  function draw(d) {
    body.replaceChildren(head(d), stages(d), progress(d), facts(d), buildLog);
    if (d.state !== logState) {
      logState = d.state;
      loadBuildLog();
    }
  }

  /** The build's output from the logs index; Elasticsearch being down costs this section only. */
  async function loadBuildLog() {
    try {
      const page = await get('/v1/logs', { deployment: id, kind: 'build', limit: 100 }, signal);
      const lines = page.items.slice().reverse().map((line) => h('li', {}, h('span', { class: 'dim' }, time(line.time)),
        ' ', line.message));
      buildLog.replaceChildren(h('h2', {}, 'Build log'), lines.length ? h('ol', { class: 'build-lines mono' }, lines)
        : h('p', { class: 'empty' }, 'No build output yet.'));
    } catch (e) {
      if (e.name !== 'AbortError') buildLog.replaceChildren(h('h2', {}, 'Build log'), errorBox(e));
    }
  }

  async function refreshProject() {
    project = await get(`/v1/dashboard/projects/${encodeURIComponent(deployment.projectId)}`, {}, signal);
  }

  /** The project's routing may be committed a moment after the deployment's state: look again briefly. */
  async function untilServing(d) {
    for (let attempt = 0; attempt < 10 && !signal.aborted; attempt += 1) {
      await refreshProject();
      if (project.liveDeploymentId === d.id) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Follows the progress stream until the deployment is final; reconnects if the connection drops. */
  async function follow(latest) {
    let last = latest;
    while (!signal.aborted && !FINAL.has(last.state)) {
      indicate('live', 'Live updates');
      try {
        await stream(`/v1/dashboard/deployments/${encodeURIComponent(id)}/events`, (name, data) => {
          if (name !== 'progress') return;
          last = JSON.parse(data);
          if (last.state === 'LIVE') {
            const live = last;
            untilServing(live).finally(() => draw(live));
          } else {
            draw(last);
          }
        }, signal);
      } catch (e) {
        if (signal.aborted) return;
        indicate('bad', `Disconnected: ${e.message} Retrying…`);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
    indicate('done', FINAL.has(last.state) ? `Final: ${last.state.toLowerCase()}` : '');
  }

  function indicate(tone, text) {
    liveIndicator.className = `stream ${tone}`;
    liveIndicator.textContent = text;
  }

  function head(d) {
    const live = project.liveDeploymentId === d.id;
    return h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects'), ' / ',
          h('a', { href: `#/projects/${encodeURIComponent(d.projectName)}` }, d.projectName), ' / '),
        h('h1', { class: 'mono-title' }, d.id),
        h('p', {}, h('span', { id: 'deployment-state', 'data-state': d.state }, badge(d.state)), ' ',
          live ? h('span', { class: 'badge ok outline', id: 'is-live' }, 'serving traffic') : null, ' ',
          liveIndicator)),
      h('div', { class: 'actions' },
        !live && d.state === 'READY' ? routingButton({ label: 'Promote', done: 'Promoted', id: 'promote', primary: true,
          confirmText: `Send all of ${d.projectName}'s traffic to this deployment?`,
          action: () => promote(d.projectName, d.id), then: () => refreshProject().then(() => draw(d)) }) : null,
        !live && d.state === 'SUPERSEDED' ? routingButton({ label: 'Roll back to this', done: 'Rolled back', id: 'rollback-here',
          confirmText: `Route ${d.projectName} back to this deployment?`,
          action: () => rollback(d.projectName, d.id), then: () => refreshProject().then(() => draw(d)) }) : null));
  }

  function stages(d) {
    const timings = d.timings || {};
    const failed = timings.failedAt || timings.cancelledAt || timings.stalledAt;
    const steps = STAGES.map(([label, key]) => h('li', { class: timings[key] ? 'done' : 'todo' },
      h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', {}, label), h('small', {}, time(timings[key]))));
    if (failed) {
      steps.push(h('li', { class: 'failed' }, h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('span', {}, d.state.toLowerCase()), h('small', {}, time(failed))));
    }
    const durations = d.durationsMs || {};
    return section('Timeline', h('ol', { class: 'stages' }, steps),
      h('p', { class: 'dim small' }, `build ${duration(durations.build)} · propagation ${duration(durations.propagation)}`
        + ` · total ${duration(durations.total)}`),
      d.failureReason ? errorBox(new Error(d.failureReason)) : null);
  }

  function progress(d) {
    const edgesOf = d.edges || [];
    const requiredCount = edgesOf.filter((e) => e.required).length;
    const acked = edgesOf.filter((e) => e.acknowledgedAt).length;
    const started = d.timings?.propagationRequestedAt;
    const cards = edgesOf.map((e) => {
      const state = e.acknowledgedAt ? 'acknowledged' : e.droppedAt ? 'dropped' : 'waiting';
      const failure = (d.syncFailures || []).filter((f) => f.edgeId === e.edgeId).at(-1);
      return h('li', { class: `edge ${state}`, 'data-edge': e.edgeId, 'data-progress': state },
        h('div', { class: 'row' }, h('strong', { class: 'mono' }, e.edgeId),
          h('span', { class: 'dim small' }, regions[e.edgeId] || '')),
        h('div', { class: 'edge-state' }, state === 'acknowledged' ? '✓ holds every file'
          : state === 'dropped' ? `dropped: ${e.droppedReason || ''}` : 'syncing…'),
        e.acknowledgedAt && started ? h('small', { class: 'dim' },
          `after ${duration(new Date(e.acknowledgedAt) - new Date(started))}`) : null,
        failure ? h('small', { class: 'bad-text' }, failure.reason) : null);
    });
    const percent = requiredCount ? Math.round((acked / requiredCount) * 100) : 0;
    const bar = h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(requiredCount),
      'aria-valuenow': String(acked), 'aria-label': 'Edges holding the deployment' }, h('span', {}));
    bar.firstChild.style.width = `${percent}%`;
    return section('Edges', edgesOf.length
      ? [h('p', { class: 'dim' }, h('span', { id: 'edge-count' }, `${acked} of ${requiredCount}`),
        ' edges hold this deployment. Traffic moves only when all do, everywhere at once.'), bar,
      h('ul', { class: 'edges-grid', id: 'edge-progress' }, cards)]
      : h('p', { class: 'dim', id: 'edge-progress' }, 'Propagation starts once the build is done.'));
  }

  function facts(d) {
    return section('Details', h('dl', { class: 'facts' },
      h('dt', {}, 'Source'), h('dd', { class: 'mono' }, source(d.source)),
      h('dt', {}, 'Target'), h('dd', {}, d.target?.toLowerCase()),
      h('dt', {}, 'Created by'), h('dd', {}, d.createdBy),
      h('dt', {}, 'Files'), h('dd', {}, d.fileCount ?? '—', ' · ', bytes(d.totalBytes)),
      h('dt', {}, 'Manifest'), h('dd', {}, d.manifestDigest ? mono(d.manifestDigest) : '—'),
      h('dt', {}, 'Updated'), h('dd', {}, time(d.updatedAt))));
  }
}

/**
 * The deployment, waiting a little if the read model has not seen it yet: a link to a deployment just started
 * (from the CLI, say) may be opened before the query side has caught up with the event store.
 */
async function appeared(main, id, signal) {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      return await get(`/v1/dashboard/deployments/${encodeURIComponent(id)}`, {}, signal);
    } catch (e) {
      if (e.status !== 404 || Date.now() > deadline) throw e;
      main.replaceChildren(h('p', { class: 'loading' }, 'Waiting for deployment ', mono(id), ' to appear…'));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
