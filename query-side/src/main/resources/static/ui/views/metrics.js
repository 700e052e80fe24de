// Request metrics from the edges' telemetry (/v1/metrics): rate, errors and latency over a time range.
import { get } from '../api.js';
import { lineChart } from '../chart.js';
import { empty, errorBox, h } from '../dom.js';
import { hashParams } from './logs.js';

const RANGES = [['15m', 15, '1m'], ['1h', 60, '1m'], ['6h', 360, '5m'], ['24h', 1440, '1h']];

export async function metricsPage(main, _params, signal) {
  const project = h('input', { type: 'search', id: 'metrics-project', value: hashParams().get('project') || '',
    placeholder: 'all projects' });
  const range = h('select', { id: 'metrics-range' }, RANGES.map(([label]) => h('option', { value: label }, `last ${label}`)));
  range.value = '1h';
  const form = h('form', { class: 'filters' }, h('label', {}, h('span', {}, 'Project'), project),
    h('label', {}, h('span', {}, 'Range'), range), h('button', { type: 'submit', class: 'primary' }, 'Show'));
  const charts = h('div', { class: 'charts', id: 'metrics' });
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Metrics')), h('section', { class: 'card' }, form), charts);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  await load();
  const refresh = setInterval(load, 30000);
  signal.addEventListener('abort', () => clearInterval(refresh));

  async function load() {
    const [, minutes, interval] = RANGES.find(([label]) => label === range.value);
    const to = new Date();
    const from = new Date(to.getTime() - minutes * 60000);
    try {
      const answer = await get('/v1/metrics', { project: project.value.trim(), from: from.toISOString(), to: to.toISOString(),
        interval }, signal);
      const points = answer.points || [];
      if (!points.some((p) => p.requests > 0)) {
        charts.replaceChildren(empty('No requests in this range. Edges report their requests once a minute.'));
        return;
      }
      const times = points.map((p) => p.time);
      const pick = (key) => points.map((p) => p[key] ?? null);
      charts.replaceChildren(
        lineChart({ id: 'chart-rate', title: 'Requests per second', times, format: (v) => v.toFixed(v < 10 ? 1 : 0),
          series: [{ label: 'req/s', tone: 'info', values: pick('requestsPerSecond') }] }),
        lineChart({ id: 'chart-errors', title: 'Error rate', times, format: (v) => `${(v * 100).toFixed(1)}%`,
          series: [{ label: '5xx share', tone: 'bad', values: pick('errorRate') }] }),
        lineChart({ id: 'chart-latency', title: 'Latency', times, format: (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`,
          series: [{ label: 'p50', tone: 'ok', values: pick('p50Ms') }, { label: 'p95', tone: 'warn', values: pick('p95Ms') },
            { label: 'p99', tone: 'bad', values: pick('p99Ms') }] }));
    } catch (e) {
      if (e.name === 'AbortError') return;
      charts.replaceChildren(errorBox(e));
    }
  }
}
