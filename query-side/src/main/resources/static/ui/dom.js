// Small helpers to build the page from data without innerHTML: every value is text, never markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(key, value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const STATE_TONE = {
  LIVE: 'ok', READY: 'ok', ACTIVE: 'ok', SUPERSEDED: 'muted', CANCELLED: 'muted', DRAINED: 'muted',
  QUEUED: 'info', BUILDING: 'info', BUILT: 'info', PROPAGATING: 'info', JOINING: 'info',
  FAILED: 'bad', STALLED: 'warn',
};

export function badge(state) {
  const text = state || 'UNKNOWN';
  return h('span', { class: `badge ${STATE_TONE[text] || 'muted'}`, 'data-state': text }, text.toLowerCase());
}

export function time(instant) {
  if (!instant) return h('span', { class: 'dim' }, '—');
  return h('time', { datetime: instant, title: new Date(instant).toLocaleString() }, ago(instant));
}

export function ago(instant) {
  const seconds = Math.round((Date.now() - new Date(instant).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

export function duration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)}m ${Math.round((ms % 60000) / 1000)}s`;
}

export function bytes(n) {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export const mono = (text, attributes = {}) => h('code', { class: 'mono', ...attributes }, text);

/** A short id for display; the full one in the title. */
export const shortId = (id) => (id && id.length > 14 ? mono(`${id.slice(0, 12)}…`, { title: id }) : mono(id || '—'));

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Something went wrong. '),
    error.message || String(error));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function toast(text, tone = 'ok') {
  const note = h('div', { class: `toast ${tone}` }, text);
  document.getElementById('toasts').append(note);
  setTimeout(() => note.remove(), 6000);
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function table(headings, rows, attributes = {}) {
  return h('div', { class: 'table-wrap' }, h('table', attributes,
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows)));
}
