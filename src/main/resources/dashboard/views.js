// Rendering: small helpers that build or update the DOM in place (a node whose text is unchanged is not touched, so
// screen readers hear only what changed and keyboard focus stays where it was). Nodes are made with createElement,
// never parsed from strings of HTML.

import { hostRows } from './history.js';
import { COLOURS, linePlot } from './plot.js';

export const $ = (id) => document.getElementById(id);

/** A new element with attributes (class, data-*, ...) and children (nodes or text). */
export function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) {
      n.setAttribute(k, v === true ? '' : v);
    }
  }
  n.append(...kids.filter((k) => k !== null && k !== undefined));
  return n;
}

/** Sets a node's text only when it changed. */
export function text(node, value) {
  const s = String(value);
  if (node && node.textContent !== s) {
    node.textContent = s;
  }
}

export function clock(iso) {
  if (!iso) {
    return '—';
  }
  const d = iso instanceof Date ? iso : new Date(iso);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return d.toDateString() === new Date().toDateString() ? time
    : d.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' }) + ' ' + time;
}

export function seconds(s) {
  if (s === null || s === undefined || !isFinite(s)) {
    return '—';
  }
  if (s < 60) {
    return (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s';
  }
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function ms(v) {
  return v === null || v === undefined ? '—' : Math.round(v) + ' ms';
}

/** "timeout 2, http-status 1", or "none". */
export function counts(map) {
  const parts = Object.entries(map || {}).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function status(message, kind) {
  const s = $('status');
  text(s, message);
  s.className = 'status' + (kind ? ' ' + kind : '');
}

/** One line on a run: "done · 3 URLs, 3 ok, 0 errors · 0.4 s · 12:00:01". */
export function runLine(run) {
  if (!run) {
    return 'none yet';
  }
  const errors = Object.values(run.errors || {}).reduce((a, b) => a + b, 0);
  const done = run.total ? `${run.urls ?? 0}/${run.total}` : `${run.urls ?? 0}`;
  return `${run.state} · ${done} URLs, ${run.ok ?? 0} ok, ${errors} errors · ${seconds(run.elapsedSeconds)}`
    + ` · ${clock(run.startedAt)}`;
}

function jobCard(name) {
  return el('li', { class: 'job card', 'data-job': name },
    el('h3', {}, el('button', { type: 'button', class: 'select', 'aria-pressed': 'false' }, name)),
    el('dl', {},
      el('div', {}, el('dt', {}, 'Schedule'), el('dd', { class: 'schedule' })),
      el('div', {}, el('dt', {}, 'Next run'), el('dd', { class: 'next' })),
      el('div', {}, el('dt', {}, 'Latest run'), el('dd', { class: 'last' }))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'run-now' }, 'Run now'),
      el('button', { type: 'button', class: 'cancel' }, 'Cancel run')),
    el('p', { class: 'msg', role: 'status' }));
}

/** The job cards, updated in place, keyed by name. */
export function jobs(list, selected) {
  const ul = $('jobs');
  const names = new Set(list.map((j) => j.name));
  for (const li of [...ul.children]) {
    if (!names.has(li.dataset.job)) {
      li.remove();
    }
  }
  list.forEach((job, i) => {
    let li = ul.querySelector(`li[data-job="${CSS.escape(job.name)}"]`);
    if (!li) {
      li = jobCard(job.name);
    }
    if (ul.children[i] !== li) {
      ul.insertBefore(li, ul.children[i] || null);
    }
    const chosen = job.name === selected;
    li.classList.toggle('chosen', chosen);
    li.querySelector('.select').setAttribute('aria-pressed', String(chosen));
    text(li.querySelector('.schedule'), job.schedule || 'none (runs when asked)');
    text(li.querySelector('.next'), job.nextRun ? clock(job.nextRun) : '—');
    text(li.querySelector('.last'), runLine(job.running || job.lastRun));
    li.querySelector('.cancel').disabled = !job.running;
    li.querySelector('.cancel').dataset.run = job.running ? job.running.id : '';
  });
  $('jobs-empty').hidden = list.length > 0;
}

/**
 * The nodes of the cluster (GET /nodes), this one first: shown only when there are more than one. A problem reading
 * them is said under the table, which keeps its last rows.
 */
export function nodes(list, problem) {
  const panel = $('nodes-panel');
  if (problem) {
    text($('nodes-note'), 'Nodes: ' + problem);
    return;
  }
  panel.hidden = list.length < 2;
  if (panel.hidden) {
    return;
  }
  const body = el('tbody', {}, ...list.map((n) => el('tr', { class: n.self ? 'self' : null, 'data-node': n.id },
    el('th', { scope: 'row', title: `${n.name} · ${n.version} · ${n.api || 'no API'}` },
      n.self ? `${n.name} (this)` : n.name),
    el('td', { class: 'num' }, n.hosts), el('td', { class: 'num' }, n.inFlight),
    el('td', { class: 'num' }, n.pagesPerSecond))));
  $('nodes').replaceChild(body, $('nodes').tBodies[0]);
  text($('nodes-note'), `${list.length} nodes; pages/s over the last 10 s, each node's figures up to a second old.`);
}

/** A run's progress: state, bar, done/total, rate, ETA, errors by type. */
export function progress(run) {
  $('run-none').hidden = Boolean(run);
  $('progress').hidden = !run;
  if (!run) {
    return;
  }
  text($('run-title'), `Run of ${run.job}`);
  text($('run-state'), `${run.id}: ${run.state}`);
  const bar = $('run-bar');
  const done = run.urls ?? 0;
  if (run.total) {
    bar.max = run.total;
    bar.value = Math.min(done, run.total);
  } else if (run.state === 'running') {
    bar.removeAttribute('value');
  } else {
    bar.max = 1;
    bar.value = 1;
  }
  text($('f-done'), run.total ? `${done} / ${run.total}` : `${done}`);
  text($('f-rate'), run.pagesPerSecond === undefined ? '—' : `${run.pagesPerSecond} pages/s`);
  const left = run.total && run.pagesPerSecond > 0 ? (run.total - done) / run.pagesPerSecond : null;
  text($('f-eta'), run.state === 'running' ? seconds(left) : 'ended ' + clock(run.endedAt));
  text($('f-elapsed'), seconds(run.elapsedSeconds));
  const lat = run.latencyMs || {};
  text($('f-latency'), `p50 ${ms(lat.p50)} · p95 ${ms(lat.p95 ?? lat.p90)} · max ${ms(lat.max)}`);
  text($('f-errors'), counts(run.errors));
  $('cancel-run').hidden = run.state !== 'running';
}

/** The latest records kept, newest first, as the filter asks ("all", "errors", "ok" or an error type). */
export function records(recs, filter, note) {
  const shown = recs.filter((r) => filter === 'all' || (filter === 'ok' ? !r.error
    : filter === 'errors' ? Boolean(r.error) : r.error && r.error.type === filter)).slice(-100).reverse();
  const body = el('tbody', {}, ...shown.map((r) => el('tr', { class: r.error ? 'bad' : null },
    el('td', {}, clock(r.fetchedAt)), el('td', {}, r.status ?? '—'), el('td', { class: 'num' }, ms(r.latencyMs)),
    el('td', { class: 'url', title: r.url }, r.url), el('td', {}, r.error ? `${r.error.type}: ${r.error.message}` : ''))));
  $('records').replaceChild(body, $('records').tBodies[0]);
  text($('records-note'), shown.length ? note : 'No record matches.');
}

/** The filter's options: all, errors, ok and each error type seen. */
export function filterOptions(types) {
  const select = $('filter');
  const want = ['all', 'errors', 'ok', ...[...types].sort()];
  const have = [...select.options].map((o) => o.value);
  if (want.join('|') === have.join('|')) {
    return;
  }
  const chosen = select.value;
  select.replaceChildren(...want.map((t) => el('option', { value: t }, t === 'all' ? 'all records'
    : t === 'errors' ? 'errors (any type)' : t === 'ok' ? 'ok only' : 'error: ' + t)));
  select.value = want.includes(chosen) ? chosen : 'all';
}

/** Per-host latency percentiles and status counts: rows in the summaries' shape. */
export function hosts(rows, note) {
  const body = el('tbody', {}, ...rows.map((h) => el('tr', {}, el('th', { scope: 'row' }, h.host),
    el('td', { class: 'num' }, h.count), el('td', { class: 'num' }, ms(h.p50)), el('td', { class: 'num' }, ms(h.p90)),
    el('td', { class: 'num' }, ms(h.p99)), el('td', { class: 'num' }, ms(h.max)),
    el('td', {}, h.statuses ? counts(h.statuses) : '—'))));
  $('hosts').replaceChild(body, $('hosts').tBodies[0]);
  text($('hosts-note'), rows.length ? note : 'No host fetched yet.');
}

export { hostRows };

/** Series [{name, points}] of the plot: by host (a percentile) or by URL, from summaries oldest first. */
export function series(runs, by, metric) {
  const map = new Map();
  const add = (name, run, y) => {
    if (!map.has(name)) {
      map.set(name, []);
    }
    map.get(name).push({ x: run.startedAt, y, run: run.id });
  };
  for (const run of runs) {
    if (by === 'url' && run.perUrl) {
      run.perUrl.forEach((u) => add(u.url, run, u.latencyMs));
    } else if (by === 'host' && run.hosts.length) {
      run.hosts.forEach((h) => add(h.host, run, h[metric]));
    } else if (by === 'host') {
      add('all hosts', run, run.latency[metric]);
    }
  }
  const known = (p) => p.y !== null && p.y !== undefined;
  return [...map.entries()].map(([name, points]) => ({ name, points })).filter((s) => s.points.some(known))
    .sort((a, b) => b.points.filter(known).length - a.points.filter(known).length || (a.name < b.name ? -1 : 1));
}

/** The plot, its legend and its data as a table (for screen readers and exact values). */
export function plot(all, note) {
  const shown = all.slice(0, COLOURS);
  const box = $('plot');
  const width = Math.max(260, Math.min(900, (box.clientWidth || 600) - 10)); // less the box's padding
  const svg = linePlot(shown, width, width < 500 ? 200 : 240, 'Latency per run over time');
  const when = new Map();
  shown.forEach((s) => s.points.forEach((p) => {
    if (p.y !== null && p.y !== undefined) {
      when.set(p.run, p.x);
    }
  }));
  svg.dataset.runs = when.size;
  box.replaceChildren(when.size ? svg : el('p', {}, 'No run with latencies to plot yet.'));
  $('legend').replaceChildren(...shown.map((s, i) => el('li', {}, el('span', { class: 'swatch s' + i }), s.name)));
  const more = all.length > shown.length ? ` Showing ${shown.length} of ${all.length} series.` : '';
  text($('plot-note'), (note + more).trim());
  const ids = [...when.keys()].sort((a, b) => when.get(a) - when.get(b)).slice(-10);
  const head = el('tr', {}, el('th', { scope: 'col' }, 'series'),
    ...ids.map((id) => el('th', { scope: 'col' }, clock(when.get(id)))));
  const rows = shown.map((s) => el('tr', {}, el('th', { scope: 'row' }, s.name), ...ids.map((id) =>
    el('td', { class: 'num' }, ms(s.points.find((p) => p.run === id)?.y)))));
  $('plot-table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The changed records of the last ended run ({records, complete, scanned} from history.changed, or null). */
export function changed(runId, found) {
  const ul = $('changed');
  if (!runId) {
    ul.replaceChildren();
    text($('changed-note'), 'No ended run yet.');
    return;
  }
  if (found === null) {
    ul.replaceChildren();
    text($('changed-note'), `The records of run ${runId} are not kept (stdout, or its file is gone).`);
    return;
  }
  const recs = found.records;
  ul.replaceChildren(...recs.map((r) => el('li', {}, el('span', { class: 'url' }, r.url), ' ',
    el('span', { class: 'dim' }, `${r.status ?? r.error?.type ?? ''} ${JSON.stringify(r.fields || {}).slice(0, 160)}`))));
  const among = found.complete ? '' : ` among its first ${found.scanned} records`;
  text($('changed-note'), recs.length ? `${recs.length} changed record${recs.length > 1 ? 's' : ''} in run ${runId}`
    + (recs.length >= 100 ? ' (the first 100)' : '') + among + '.' : `No record changed in run ${runId}${among}.`);
}
