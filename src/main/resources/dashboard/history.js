// A job's last runs, for the latency plots and the host tables. Everything the API answers about an ended run goes
// through toSummary(), the one place to re-map when the summaries' JSON changes.
//
// Source, in order: GET /jobs/{name}/runs (the kept run summaries, newest first); when the API has no such endpoint
// (404 or 405), the ids the job lists in "runs", each read with GET /runs/{id} and, for runs of up to SMALL_RUN
// URLs, its records (GET /runs/{id}/records), from which the per-host and per-URL figures are computed here.

import { ApiError, get, records } from './api.js';

const SMALL_RUN = 500;
const RUNS = 20;
const CHANGED_KEPT = 100;
const CHANGED_SCANNED = 20000; // records of a big run looked through for changed ones, at most
let endpoint = true; // false once GET /jobs/{name}/runs answered 404 or 405: not asked again
const REMEMBERED = 100; // runs whose summary and changed records are kept here, at most
const ended = new Map(); // run id -> summary of an ended run (they do not change)
const changedOf = new Map(); // run id -> its changed records (up to CHANGED_KEPT), once read

/** Keeps a value, forgetting the oldest beyond REMEMBERED (a page open for days stays small). */
function remember(map, key, value) {
  map.set(key, value);
  for (const old of map.keys()) {
    if (map.size <= REMEMBERED) {
      break;
    }
    map.delete(old);
  }
}

/**
 * The form the dashboard uses, from a summary as the API gives it: dates as Dates, latencies in ms, hosts with
 * p50/p90/p99/max, perUrl null when the run was too big to list.
 */
export function toSummary(s) {
  const lat = s.latencyMs || {};
  return {
    id: s.id,
    state: s.state,
    startedAt: new Date(s.startedAt),
    endedAt: s.endedAt ? new Date(s.endedAt) : null,
    urls: s.urls ?? 0,
    ok: s.ok ?? 0,
    errors: s.errors || {},
    changed: s.changed ?? null,
    latency: { p50: lat.p50 ?? null, p90: lat.p90 ?? lat.p95 ?? null, p99: lat.p99 ?? null, max: lat.max ?? null },
    statuses: s.statuses || null,
    hosts: (s.hosts || []).map((h) => ({
      host: h.host, count: h.count, p50: h.p50, p90: h.p90, p99: h.p99, max: h.max, statuses: h.statuses || null,
    })),
    perUrl: Array.isArray(s.perUrl) ? s.perUrl.map((u) => ({
      url: u.url, status: u.status ?? null, latencyMs: u.latencyMs ?? null, error: u.error ?? null,
    })) : null,
  };
}

/** The host (and port) of a URL, as the summaries name it. */
export function hostOf(url) {
  try {
    return new URL(url).host;
  } catch (e) {
    return '?';
  }
}

/** The percentile q (0..1) of sorted numbers, nearest rank. */
export function percentile(sorted, q) {
  if (!sorted.length) {
    return null;
  }
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** A status's class as the summaries count it: "2xx"... or "none". */
export function statusClass(status) {
  return status >= 100 && status < 600 ? Math.floor(status / 100) + 'xx' : 'none';
}

/** Adds one record to per-host figures being built (a Map host -> {latencies, statuses}). */
export function addToHosts(hosts, r) {
  const host = hostOf(r.finalUrl || r.url);
  let h = hosts.get(host);
  if (!h) {
    h = { latencies: [], statuses: {} };
    hosts.set(host, h);
  }
  if (r.attempts > 0) {
    h.latencies.push(r.latencyMs);
  }
  const c = statusClass(r.status);
  h.statuses[c] = (h.statuses[c] || 0) + 1;
}

/** Per-host figures in the summaries' shape: [{host, count, p50, p90, p99, max, statuses}], busiest first. */
export function hostRows(hosts) {
  const rows = [];
  hosts.forEach((h, host) => {
    const s = h.latencies.slice().sort((a, b) => a - b);
    const count = Object.values(h.statuses).reduce((a, b) => a + b, 0);
    rows.push({ host, count, p50: percentile(s, 0.5), p90: percentile(s, 0.9), p99: percentile(s, 0.99),
      max: s.length ? s[s.length - 1] : null, statuses: h.statuses });
  });
  return rows.sort((a, b) => b.count - a.count);
}

/** A summary in the API's shape built from GET /runs/{id} and the run's records. */
function fromRecords(run, recs) {
  const hosts = new Map();
  const statuses = {};
  const perUrl = [];
  for (const r of recs) {
    addToHosts(hosts, r);
    const c = statusClass(r.status);
    statuses[c] = (statuses[c] || 0) + 1;
    perUrl.push({ url: r.url, status: r.status, latencyMs: r.attempts > 0 ? r.latencyMs : null,
      error: r.error ? r.error.type : null });
  }
  return Object.assign({}, run, { statuses, hosts: hostRows(hosts), perUrl });
}

/** A run's records (keep: all of them, for a small run), and its first CHANGED_KEPT changed ones. */
async function readRecords(id, keep) {
  const recs = [];
  const changed = [];
  let read = 0;
  try {
    await records(id, (r) => {
      read++;
      if (keep) {
        recs.push(r);
      }
      if (r.changed && changed.length < CHANGED_KEPT) {
        changed.push(r);
      }
      return keep || (changed.length < CHANGED_KEPT && read < CHANGED_SCANNED);
    });
  } catch (e) {
    if (!(e instanceof ApiError)) {
      throw e;
    }
    return null; // 410: gone or stdout; 404: forgotten
  }
  remember(changedOf, id, { records: changed, complete: keep || read < CHANGED_SCANNED, scanned: read });
  return recs;
}

async function fromRuns(job) {
  const ids = (job.runs || []).slice(-RUNS);
  const out = [];
  for (const id of ids) {
    if (!ended.has(id)) {
      let run;
      try {
        run = await get('/runs/' + encodeURIComponent(id));
      } catch (e) {
        if (e instanceof ApiError) {
          continue; // forgotten meanwhile
        }
        throw e;
      }
      if (run.state === 'running') {
        continue;
      }
      const recs = run.urls <= SMALL_RUN ? await readRecords(id, true) : null;
      remember(ended, id, toSummary(recs ? fromRecords(run, recs) : run));
    }
    out.push(ended.get(id));
  }
  return out;
}

/**
 * The job's last runs, oldest first: {runs: [summary...], source: 'summaries' | 'runs', note}, where note says
 * what is missing, or ''.
 */
export async function load(job) {
  if (endpoint) {
    try {
      const answer = await get('/jobs/' + encodeURIComponent(job.name) + '/runs?limit=' + RUNS);
      return { runs: (answer.runs || []).map(toSummary).reverse(), source: 'summaries', note: '' };
    } catch (e) {
      const absent = e instanceof ApiError && (e.status === 405 || (e.status === 404 && /no such path/.test(e.message)));
      if (!absent) {
        throw e;
      }
      endpoint = false;
    }
  }
  return { runs: await fromRuns(job), source: 'runs',
    note: 'This API keeps no run summaries (GET /jobs/{name}/runs): plotted from the runs it still holds in memory.' };
}

/**
 * The changed records of an ended run: {records (up to CHANGED_KEPT), complete (every record looked at), scanned},
 * or null when its records are not kept.
 */
export async function changed(id) {
  if (!changedOf.has(id) && (await readRecords(id, false)) === null) {
    return null;
  }
  return changedOf.get(id) || { records: [], complete: true, scanned: 0 };
}
