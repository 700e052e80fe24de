// The dashboard: hash routes, each drawn by one view. A navigation aborts whatever the previous view was
// still doing (requests, progress streams, refresh timers) through its AbortSignal.
import { ApiError, get, loadConfig, session } from './api.js';
import { errorBox, h } from './dom.js';
import { projectPage, projectsPage } from './views/projects.js';
import { deploymentPage } from './views/deployment.js';
import { activityPage, auditPage, edgesPage } from './views/platform.js';
import { logsPage } from './views/logs.js';
import { metricsPage } from './views/metrics.js';

const routes = [
  [/^#\/projects\/([^/]+)$/, 'projects', (main, [name], signal) => projectPage(main, decodeURIComponent(name), signal)],
  [/^#\/deployments\/([^/]+)$/, 'projects', (main, [id], signal) => deploymentPage(main, decodeURIComponent(id), signal)],
  [/^#\/edges$/, 'edges', edgesPage],
  [/^#\/activity$/, 'activity', activityPage],
  [/^#\/logs$/, 'logs', logsPage],
  [/^#\/metrics$/, 'metrics', metricsPage],
  [/^#\/audit$/, 'audit', auditPage],
  [/^#\/projects$/, 'projects', projectsPage],
];

let current = new AbortController();

async function route() {
  current.abort();
  current = new AbortController();
  const main = document.getElementById('main');
  const signedIn = Boolean(session.token());
  document.querySelector('header.top').hidden = !signedIn;
  if (!signedIn) {
    loginPage(main);
    return;
  }
  const hash = location.hash.split('?')[0];
  const found = routes.find(([pattern]) => pattern.test(hash));
  if (!found) {
    location.replace('#/projects');
    return;
  }
  const [pattern, nav, view] = found;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    await view(main, pattern.exec(hash).slice(1), current.signal);
  } catch (e) {
    if (e.name !== 'AbortError') main.replaceChildren(errorBox(e));
  }
}

function loginPage(main, message) {
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
    placeholder: 'tsm_…', 'aria-describedby': 'token-help',
  });
  const status = h('div', { id: 'login-status', role: 'alert' }, message ? errorBox(new Error(message)) : null);
  const form = h('form', { class: 'login card', onsubmit: signIn },
    h('div', { class: 'login-mark', 'aria-hidden': 'true' }, '▲'),
    h('h1', {}, 'Sign in to Tasman'),
    h('label', { for: 'token' }, 'API token'),
    input,
    h('p', { id: 'token-help', class: 'dim' }, 'The admin token (',
      h('code', { class: 'mono' }, 'control/admin-token'), ') or a token issued to you. It stays in this tab only.'),
    h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'),
    status);
  main.replaceChildren(form);
  input.focus();

  async function signIn(event) {
    event.preventDefault();
    session.signIn(input.value.trim());
    try {
      await get('/v1/dashboard/projects', { limit: 1 });
      if (!location.hash || location.hash === '#/login') location.hash = '#/projects';
      else route();
    } catch (e) {
      session.signOut();
      status.replaceChildren(errorBox(e instanceof ApiError ? e : new Error(String(e))));
    }
  }
}

window.addEventListener('tasman:unauthorized', (event) => {
  session.signOut();
  current.abort();
  document.querySelector('header.top').hidden = true;
  loginPage(document.getElementById('main'), event.detail);
});

document.getElementById('logout').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/projects';
  route();
});

window.addEventListener('hashchange', route);
await loadConfig();
route();
