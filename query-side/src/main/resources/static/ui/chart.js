// A line chart in SVG, drawn here: a few series over time, axis labels, one value per point on hover (title).
import { h, svg } from './dom.js';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 24 };

/** series: [{ label, tone, values: [number|null] }], times: [ISO string], format: value → text */
export function lineChart({ title, times, series, format = String, id }) {
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const max = niceMax(all.length ? Math.max(...all) : 1);
  const x = (i) => PAD.left + (times.length < 2 ? 0 : (i / (times.length - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (v) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const grid = [0, 0.5, 1].map((f) => [
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(max * f), y2: y(max * f), class: 'grid' }),
    svg('text', { x: PAD.left - 6, y: y(max * f) + 4, 'text-anchor': 'end', class: 'axis' }, format(max * f)),
  ]);
  const labels = times.length ? [0, times.length - 1].map((i) => svg('text', {
    x: x(i), y: HEIGHT - 6, 'text-anchor': i === 0 ? 'start' : 'end', class: 'axis',
  }, new Date(times[i]).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))) : [];
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => (v === null || v === undefined ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter(Boolean);
    const dots = s.values.map((v, i) => (v === null || v === undefined ? null
      : svg('circle', { cx: x(i), cy: y(v), r: 2.5, class: `dot ${s.tone}` },
        svg('title', {}, `${s.label} ${format(v)} at ${new Date(times[i]).toLocaleTimeString()}`))));
    return svg('g', {}, svg('polyline', { points: points.join(' '), class: `line ${s.tone}` }), dots);
  });
  const legend = h('ul', { class: 'legend' }, series.map((s) => h('li', {}, h('span', { class: `swatch ${s.tone}` }), s.label)));
  return h('figure', { class: 'chart', id },
    h('figcaption', {}, h('strong', {}, title), legend),
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'none' },
      grid, labels, lines));
}

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value);
  return step * magnitude;
}
