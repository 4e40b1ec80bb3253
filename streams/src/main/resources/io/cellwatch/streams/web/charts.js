// Line charts as SVG text, drawn here rather than by a library: a few series, a few hundred or
// thousand points, alert markers. Points and markers carry their x value (data-x, data-cycle) so
// a test can check that a marker stands on the cycle its alert names.

const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed'];

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Round tick values spanning [lo, hi]. */
function ticks(lo, hi, count = 5) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const step = [1, 2, 2.5, 5, 10].map(f => f * 10 ** Math.floor(Math.log10(raw))).find(s => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

function label(v) {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
}

/**
 * @param {object} o
 * @param {string} o.id        the svg element's id
 * @param {string} o.title     shown above the plot
 * @param {string} o.xLabel    x-axis name
 * @param {Array}  o.series    [{name, points: [[x, y], ...], dots: true to draw (and tag) every point}]
 * @param {Array}  o.markers   [{x, kind, severity, text}]: a vertical line at x per alert
 */
export function lineChart({ id, title, xLabel, series, markers = [], width = 620, height = 230 }) {
  const m = { l: 58, r: 14, t: 26, b: 36 };
  const all = series.flatMap(s => s.points).filter(p => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const head = `<svg id="${escape(id)}" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">`
    + `<text class="title" x="${m.l}" y="16">${escape(title)}</text>`;
  if (all.length === 0) {
    return `${head}<text class="empty" x="${width / 2}" y="${height / 2}">no data yet</text></svg>`;
  }
  const xs = all.map(p => p[0]).concat(markers.map(k => k.x));
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...all.map(p => p[1])), Math.max(...all.map(p => p[1]))];
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  const pad = (y1 - y0) * 0.06 || Math.abs(y1) * 0.05 || 1;
  y0 -= pad; y1 += pad;
  const sx = x => m.l + (x - x0) / (x1 - x0) * (width - m.l - m.r);
  const sy = y => height - m.b - (y - y0) / (y1 - y0) * (height - m.t - m.b);
  const r = v => Math.round(v * 10) / 10;
  let svg = head;
  for (const t of ticks(y0, y1)) {
    svg += `<line class="grid" x1="${m.l}" x2="${width - m.r}" y1="${r(sy(t))}" y2="${r(sy(t))}"/>`
      + `<text class="tick" x="${m.l - 6}" y="${r(sy(t)) + 4}" text-anchor="end">${label(t)}</text>`;
  }
  for (const t of ticks(x0, x1, 6)) {
    svg += `<text class="tick" x="${r(sx(t))}" y="${height - m.b + 15}" text-anchor="middle">${label(t)}</text>`;
  }
  svg += `<text class="axis" x="${width - m.r}" y="${height - 4}" text-anchor="end">${escape(xLabel)}</text>`
    + `<rect class="frame" x="${m.l}" y="${m.t}" width="${width - m.l - m.r}" height="${height - m.t - m.b}"/>`;
  series.forEach((s, i) => {
    const color = s.color || COLORS[i % COLORS.length];
    const pts = s.points.filter(p => Number.isFinite(p[1]));
    svg += `<polyline class="series" data-series="${escape(s.name)}" stroke="${color}" points="${pts.map(p => `${r(sx(p[0]))},${r(sy(p[1]))}`).join(' ')}"/>`;
    if (s.dots) {
      for (const p of pts) {
        svg += `<circle class="point" data-series="${escape(s.name)}" data-cycle="${p[0]}" cx="${r(sx(p[0]))}" cy="${r(sy(p[1]))}" r="1.7" fill="${color}"/>`;
      }
    }
    svg += `<text class="legend" x="${m.l + 8 + i * 130}" y="${m.t + 14}" fill="${color}">${escape(s.name)}</text>`;
  });
  // Critical markers last, so a warning on the same cycle never hides one.
  const critical = k => (k.severity === 'critical' ? 1 : 0);
  for (const k of [...markers].sort((a, b) => critical(a) - critical(b))) {
    const x = r(sx(k.x));
    svg += `<g class="alert-marker ${escape(k.severity)}" data-cycle="${k.x}" data-kind="${escape(k.kind)}" data-x="${x}">`
      + `<line x1="${x}" x2="${x}" y1="${m.t}" y2="${height - m.b}"/>`
      + `<path d="M${x - 5},${m.t} L${x + 5},${m.t} L${x},${m.t + 8} Z"/>`
      + `<title>${escape(k.text)}</title></g>`;
  }
  return svg + '</svg>';
}
