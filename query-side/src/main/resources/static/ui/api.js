// Talking to the query side (same origin) and the control plane (cross-origin, bearer token only).
// The token lives in sessionStorage: it goes when the tab closes, and is never put in a URL or a cookie.

const TOKEN_KEY = 'tasman.token';
let config = { controlPlaneUrl: '' };

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer that was not 2xx, carrying the problem+json detail the server wrote for people. */
export class ApiError extends Error {
  constructor(status, detail, field) {
    super(detail);
    this.status = status;
    this.field = field;
  }
}

export async function loadConfig() {
  const response = await fetch('/ui/config.json', { cache: 'no-cache' });
  if (response.ok) {
    config = await response.json();
  }
  return config;
}

export const controlPlane = () => config.controlPlaneUrl || '';

async function problem(response) {
  let detail = `${response.status} ${response.statusText || 'error'}`;
  let field;
  try {
    const body = await response.json();
    detail = body.detail || body.title || detail;
    field = body.field;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('tasman:unauthorized', { detail }));
  }
  return new ApiError(response.status, detail, field);
}

async function call(base, path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token()}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(base + path, {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `Could not reach ${base || 'the query side'}: ${e.message}.`);
  }
  if (!response.ok) {
    throw await problem(response);
  }
  return response.status === 204 ? null : response.json();
}

/** GET from the query side; params with empty values are left out. */
export function get(path, params = {}, signal) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const suffix = query.toString() ? `?${query}` : '';
  return call('', path + suffix, { signal });
}

/** POST to the control plane (promote, rollback). */
export function command(path, body) {
  if (!controlPlane()) {
    return Promise.reject(new ApiError(0, 'The query side does not know the control plane: set TASMAN_CONTROL_URL.'));
  }
  return call(controlPlane(), path, { method: 'POST', body });
}

/**
 * Server-Sent Events over fetch: EventSource cannot send an Authorization header. Calls onEvent(name, data)
 * for each event; resolves when the server ends the stream, rejects on errors; stops when signal aborts.
 */
export async function stream(path, onEvent, signal) {
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}` }, signal,
  });
  if (!response.ok) {
    throw await problem(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) onEvent(name, data.join('\n'));
}
