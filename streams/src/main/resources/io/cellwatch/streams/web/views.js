// The two views of the live page, drawn from the query API (the same JSON as /api/... answers).
import { lineChart, escape } from './charts.js';

async function api(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response.json();
}

const STATE_RANK = { critical: 2, warning: 1, ok: 0 };
const COLUMNS = [
  { key: 'channelId', name: 'channel' },
  { key: 'state', name: 'state', rank: v => STATE_RANK[v] ?? -1 },
  { key: 'activeAlerts', name: 'active alerts' },
  { key: 'cellType', name: 'cell' },
  { key: 'chemistry', name: 'chemistry' },
  { key: 'lastCycle', name: 'last cycle' },
  { key: 'ce', name: 'CE', show: v => v == null ? '' : (100 * v).toFixed(2) + ' %' },
  { key: 'retention', name: 'retention', show: v => v == null ? '' : (100 * v).toFixed(1) + ' %' },
  { key: 'since', name: 'since last sample', show: ago },
];
const fleet = { sort: 'state', descending: true, filter: '' };

function ago(seconds) {
  if (seconds == null) return '';
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

function fleetSkeleton(root) {
  root.innerHTML = `<section class="fleet">
      <div class="bar"><input id="filter" type="search" placeholder="filter: channel, state, chemistry…" aria-label="filter">
      <span id="counts"></span></div>
      <table id="fleet"><thead><tr>${COLUMNS.map(c => `<th data-key="${c.key}">${c.name}</th>`).join('')}</tr></thead>
      <tbody></tbody></table></section>`;
  const filter = root.querySelector('#filter');
  filter.value = fleet.filter;
  filter.addEventListener('input', () => { fleet.filter = filter.value; fleetView(root); });
  root.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
    fleet.descending = fleet.sort === th.dataset.key ? !fleet.descending : false;
    fleet.sort = th.dataset.key;
    fleetView(root);
  }));
}

export async function fleetView(root) {
  const channels = await api('api/channels');
  if (!root.querySelector('#fleet')) {
    fleetSkeleton(root);
  }
  const rows = channels.map(c => ({
    channelId: c.channelId,
    state: c.state,
    activeAlerts: c.activeAlerts,
    cellType: c.cellType,
    chemistry: c.chemistry ?? '',
    lastCycle: c.lastCycle ? c.lastCycle.cycleIndex : null,
    ce: c.lastCycle?.coulombicEfficiency ?? null,
    retention: c.retention ?? null,
    since: c.secondsSinceLastSample ?? null,
  }));
  const words = fleet.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = rows.filter(r => words.every(w => [r.channelId, r.state, r.chemistry, r.cellType].join(' ').toLowerCase().includes(w)));
  const column = COLUMNS.find(c => c.key === fleet.sort);
  const value = r => (column.rank ? column.rank(r[column.key]) : r[column.key]);
  shown.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = x == null ? 1 : y == null ? -1 : x < y ? -1 : x > y ? 1 : a.channelId.localeCompare(b.channelId);
    return fleet.descending && x != null && y != null ? -order : order;
  });
  root.querySelectorAll('th').forEach(th => {
    th.classList.toggle('sorted', th.dataset.key === fleet.sort);
    th.classList.toggle('descending', th.dataset.key === fleet.sort && fleet.descending);
  });
  root.querySelector('tbody').innerHTML = shown.map(r => `<tr class="${r.state}" data-channel="${escape(r.channelId)}">`
    + COLUMNS.map(c => {
      const text = c.show ? c.show(r[c.key]) : r[c.key] ?? '';
      return c.key === 'channelId'
        ? `<td><a href="#/channel/${encodeURIComponent(r.channelId)}">${escape(text)}</a></td>`
        : `<td class="${c.key}">${escape(text)}</td>`;
    }).join('') + '</tr>').join('');
  const count = s => rows.filter(r => r.state === s).length;
  root.querySelector('#counts').textContent =
    `${rows.length} channels · ${count('critical')} critical · ${count('warning')} warning · ${count('ok')} ok`
    + (shown.length < rows.length ? ` · ${shown.length} shown` : '');
}

function markersOf(history) {
  return history.filter(a => a.status === 'firing').map(a => ({
    x: a.cycleIndex,
    kind: a.kind,
    severity: a.severity,
    text: `${a.severity} ${a.kind} at cycle ${a.cycleIndex}`,
  }));
}

function evidence(alert) {
  return Object.entries(alert.evidence || {})
    .map(([k, v]) => `${escape(k)}=${escape(Number(v.toPrecision(5)))}`).join(' ');
}

// The cycles of the channel on view, read whole once and then only the newest each redraw: a
// published cycle never changes, so the newest ones are appended after the last one already held.
// A long test has thousands of cycles; reading them all every few seconds was megabytes a redraw.
const NEWEST_CYCLES = 50;
const heldCycles = { channelId: null, cycles: [] };

async function cyclesOf(base, channelId) {
  if (heldCycles.channelId === channelId && heldCycles.cycles.length > 0) {
    const newest = await api(`${base}/cycles?limit=${NEWEST_CYCLES}`);
    const last = JSON.stringify(heldCycles.cycles[heldCycles.cycles.length - 1]);
    const at = newest.findIndex(c => JSON.stringify(c) === last);
    if (at >= 0) {
      heldCycles.cycles = heldCycles.cycles.concat(newest.slice(at + 1));
      return heldCycles.cycles;
    }
    // More cycles than one read holds since the last redraw, or the history was forgotten: read it whole.
  }
  const all = await api(`${base}/cycles`);
  heldCycles.channelId = channelId;
  heldCycles.cycles = all;
  return all;
}

export async function channelView(root, channelId) {
  const base = `api/channels/${encodeURIComponent(channelId)}`;
  const [state, cycles, history, recent] = await Promise.all([
    api(base), cyclesOf(base, channelId), api(`${base}/alerts/history`), api(`${base}/recent`)]);
  const markers = markersOf(history);
  const cycleMarkers = markers.filter(k => !k.kind.startsWith('data_quality_'));
  const capacity = lineChart({
    id: 'capacity-chart', title: 'capacity per cycle (mAh)', xLabel: 'cycle', markers: cycleMarkers,
    series: [
      { name: 'charge', points: cycles.map(c => [c.cycleIndex, 1000 * c.chargeAh]), dots: true },
      { name: 'discharge', points: cycles.map(c => [c.cycleIndex, 1000 * c.dischargeAh]), dots: true },
    ],
  });
  const ce = lineChart({
    id: 'ce-chart', title: 'coulombic efficiency per cycle (%)', xLabel: 'cycle', markers: cycleMarkers,
    series: [{ name: 'CE', points: cycles.filter(c => c.coulombicEfficiency != null)
      .map(c => [c.cycleIndex, 100 * c.coulombicEfficiency]), dots: true }],
  });
  const halves = recent.halfCycles || [];
  const firstHalfOf = cycle => halves.findIndex(h => h.cycle >= cycle);
  const overpotential = halves.length === 0 ? '' : lineChart({
    id: 'overpotential-chart', title: 'overpotential per half-cycle (mV)', xLabel: 'half-cycle (recent)',
    markers: cycleMarkers.map(k => ({ ...k, x: firstHalfOf(k.x) })).filter(k => k.x >= 0),
    series: [{ name: 'overpotential', points: halves.map((h, i) => [i, 1000 * h.overpotentialV]), dots: true }],
  });
  const points = recent.points || [];
  const voltage = lineChart({
    id: 'voltage-chart', title: 'voltage, last hours (V)', xLabel: 'test time (h)',
    series: [{ name: 'voltage', points: points.map(p => [p.testTimeS / 3600, p.voltageV]) }],
  });
  const current = lineChart({
    id: 'current-chart', title: 'current, last hours (mA)', xLabel: 'test time (h)',
    series: [{ name: 'current', color: '#d97706', points: points.map(p => [p.testTimeS / 3600, 1000 * p.currentA]) }],
  });
  const rows = history.slice().reverse().map(a => `<tr class="${a.status === 'firing' ? a.severity : 'resolved'}">`
    + `<td>${a.cycleIndex}</td><td>${escape(a.kind)}</td><td>${escape(a.severity)}</td><td>${escape(a.status)}</td>`
    + `<td>${escape(a.message)}<div class="evidence">${evidence(a)}${a.profile ? ` · profile ${escape(a.profile)}` : ''}</div></td></tr>`).join('');
  root.innerHTML = `<section class="channel" data-channel="${escape(channelId)}">
    <div class="summary ${state.state}"><b>${escape(channelId)}</b> · ${escape(state.state)} · ${escape(state.cellType)}
      ${state.chemistry ? '· ' + escape(state.chemistry) : ''} · cycle ${state.openCycle}
      ${state.lastCycle?.coulombicEfficiency != null ? `· CE ${(100 * state.lastCycle.coulombicEfficiency).toFixed(2)} %` : ''}
      ${state.retention != null ? `· retention ${(100 * state.retention).toFixed(1)} %` : ''}
      ${state.secondsSinceLastSample != null ? `· last sample ${ago(state.secondsSinceLastSample)} ago` : ''}</div>
    <div class="charts">${capacity}${ce}${overpotential}${voltage}${current}</div>
    <h2>alert history</h2>
    <table id="alert-history"><thead><tr><th>cycle</th><th>kind</th><th>severity</th><th>status</th><th>message and evidence</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="5">no alerts</td></tr>'}</tbody></table></section>`;
}
