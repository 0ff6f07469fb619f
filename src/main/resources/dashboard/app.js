// The dashboard's loop: every second GET /jobs and GET /nodes, and GET /runs/{id} while the run shown goes on; the
// run's records streamed as they come; the job's last runs (history.js) reloaded when a run of it ends. Asks for the
// token only when the API answers 401. Every promise is settled here: failures become a message on the page, never a
// console error.

import * as api from './api.js';
import * as history from './history.js';
import * as v from './views.js';

const POLL_MS = 1000;
const KEPT = 200; // latest records kept for the table
const READ_CAP = 20000; // records read back of an ended run, and counted in the host table, at most
const $ = v.$;
const state = {
  jobs: [], job: null, runId: null, run: null, waiting: false, timer: 0,
  recs: [], types: new Set(), hosts: new Map(), read: 0, stream: null, dirty: false,
  hist: null, histKey: '', histBusy: false,
};

function job() {
  return state.jobs.find((j) => j.name === state.job) || null;
}

async function tick() {
  clearTimeout(state.timer);
  if (state.waiting) {
    return;
  }
  try {
    const answer = await api.get('/jobs');
    state.jobs = answer.jobs || [];
    $('board').hidden = false;
    $('forget').hidden = !api.token();
    if (!job()) {
      choose(state.jobs.length ? (state.jobs.find((j) => j.running) || state.jobs[0]).name : null);
    }
    v.jobs(state.jobs, state.job);
    await loadNodes();
    await follow();
    v.status('Up to date at ' + v.clock(new Date()), 'ok');
    loadHistory();
  } catch (e) {
    failed(e);
  }
  if (!state.waiting) {
    state.timer = setTimeout(tick, POLL_MS);
  }
}

/** The cluster's nodes; a refusal of this one call (the cluster's list cannot be read now) is said in its panel. */
async function loadNodes() {
  try {
    v.nodes((await api.get('/nodes')).nodes || []);
  } catch (e) {
    if (!(e instanceof api.ApiError)) {
      throw e;
    }
    v.nodes(null, e.message);
  }
}

function choose(name) {
  if (name !== state.job) {
    state.job = name;
    state.hist = null;
    state.histKey = '';
    show(null);
  }
}

/** The run shown: the job's run under way, else its last one; its progress polled while it goes. */
async function follow() {
  const j = job();
  const id = j ? (j.running ? j.running.id : j.lastRun ? j.lastRun.id : null) : null;
  if (id !== state.runId) {
    show(id, Boolean(j.running));
  }
  if (!id) {
    state.run = null;
  } else if (j.running) {
    state.run = await api.get('/runs/' + encodeURIComponent(id));
  } else {
    state.run = j.lastRun;
  }
  v.progress(state.run);
  render();
}

/**
 * Shows another run: its records read from the start (those the API kept, for a run under way), up to READ_CAP for
 * an ended run; a live one is read to its end, its hosts' figures from its first READ_CAP records.
 */
function show(id, live) {
  if (state.stream) {
    state.stream.abort();
  }
  Object.assign(state, { runId: id, run: null, recs: [], types: new Set(), hosts: new Map(), read: 0, stream: null,
    dirty: true });
  if (!id) {
    return;
  }
  const stream = new AbortController();
  state.stream = stream;
  api.records(id, (r) => {
    state.read++;
    state.recs.push(r);
    if (state.recs.length > KEPT) {
      state.recs.shift();
    }
    if (r.error) {
      state.types.add(r.error.type);
    }
    if (state.read <= READ_CAP) {
      history.addToHosts(state.hosts, r);
    }
    state.dirty = true;
    return live || state.read < READ_CAP;
  }, stream.signal).then(() => {
    state.dirty = true;
  }, (e) => {
    if (e.name !== 'AbortError' && state.stream === stream) {
      if (e instanceof api.ApiError) {
        v.text($('records-note'), 'Records: ' + e.message);
      } else {
        failed(e);
      }
    }
  });
}

/** Records and hosts, when records came since the last time. */
function render() {
  if (!state.dirty) {
    return;
  }
  state.dirty = false;
  const running = state.run && state.run.state === 'running';
  const capped = state.read < READ_CAP ? '' : running ? `; hosts from the first ${READ_CAP}`
    : `; reading stopped at ${READ_CAP}`;
  v.filterOptions(state.types);
  v.records(state.recs, $('filter').value, `${state.read} records read${running ? ' so far' : ''}${capped}; `
    + `the latest ${Math.min(KEPT, state.recs.length)} kept here.`);
  const summary = state.hist && state.hist.runs.find((r) => r.id === state.runId);
  if (!running && summary && summary.hosts.length && state.hist.source === 'summaries') {
    v.hosts(summary.hosts, `From the run's summary; statuses of the run: ${v.counts(summary.statuses)}.`);
  } else {
    v.hosts(v.hostRows(state.hosts), `From the ${Math.min(state.read, READ_CAP)} records read.`);
  }
}

/** The job's last runs, again when one more ended. */
function loadHistory() {
  const j = job();
  const key = j ? j.name + '|' + (j.runs || []).join(',') : '';
  if (!j || key === state.histKey || state.histBusy) {
    return;
  }
  state.histBusy = true;
  history.load(j).then((hist) => {
    state.histKey = key;
    if (j.name !== state.job) {
      return null;
    }
    state.hist = hist;
    drawPlot();
    const last = hist.runs.length ? hist.runs[hist.runs.length - 1].id : null;
    return last ? history.changed(last).then((recs) => v.changed(last, recs)) : v.changed(null);
  }).catch(failed).finally(() => {
    state.histBusy = false;
  });
}

function drawPlot() {
  if (!state.hist) {
    return;
  }
  const by = $('plot-by').value;
  const metric = $('plot-metric').value;
  $('plot-metric').disabled = by === 'url';
  const all = v.series(state.hist.runs, by, metric);
  const none = by === 'url' && !all.length ? 'No URL-level latencies: the runs are too big, or their records are gone.' : '';
  v.plot(all, `${state.hist.runs.length} runs. ${none} ${state.hist.note}`);
}

function failed(e) {
  if (e instanceof api.AuthError) {
    askToken(e);
  } else if (e instanceof api.ApiError) {
    v.status(e.message, 'bad');
  } else if (e && e.name === 'AbortError') {
    // a stream we stopped
  } else {
    v.status(`Cannot reach the scraper at ${location.host} (${e && e.message}); trying again every second.`, 'bad');
  }
}

function askToken(e) {
  state.waiting = true;
  show(null);
  $('board').hidden = true;
  $('login').hidden = false;
  if (e.hadToken) {
    api.setToken(null);
    v.text($('token-message'), `Wrong token: the API refused it (${e.message}). Enter the http.token of the `
      + 'scraper\'s config.');
  } else {
    v.text($('token-message'), 'This scraper\'s API needs a token: enter the http.token of its config.');
  }
  v.status('Waiting for a token', 'bad');
  $('token-input').focus();
}

/** A button's call; the button stays enabled (a disabled one would drop the keyboard focus), busy meanwhile. */
async function act(button, method, path, done) {
  const msg = button.closest('.card').querySelector('.msg');
  if (button.getAttribute('aria-busy') === 'true') {
    return;
  }
  button.setAttribute('aria-busy', 'true');
  try {
    const run = await api.call(method, path);
    v.text(msg, done(run));
  } catch (e) {
    if (e instanceof api.AuthError) {
      failed(e);
    }
    v.text(msg, e.message);
  }
  button.removeAttribute('aria-busy');
  tick();
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('token-input').value.trim();
  if (!t) {
    return;
  }
  api.setToken(t);
  $('token-input').value = '';
  $('login').hidden = true;
  state.waiting = false;
  v.status('Checking the token…');
  tick();
});

$('forget').addEventListener('click', () => {
  api.setToken(null);
  location.reload();
});

$('jobs').addEventListener('click', (e) => {
  const button = e.target.closest('button');
  const card = button && button.closest('li[data-job]');
  if (!card) {
    return;
  }
  const name = card.dataset.job;
  if (button.classList.contains('select')) {
    choose(name);
    tick();
  } else if (button.classList.contains('run-now')) {
    choose(name);
    act(button, 'POST', '/jobs/' + encodeURIComponent(name) + '/runs', (run) => `Run ${run.id} started.`);
  } else if (button.classList.contains('cancel') && button.dataset.run) {
    act(button, 'DELETE', '/runs/' + encodeURIComponent(button.dataset.run), (run) => `Run ${run.id} cancelled.`);
  }
});

$('cancel-run').addEventListener('click', (e) => {
  if (state.runId) {
    act(e.currentTarget, 'DELETE', '/runs/' + encodeURIComponent(state.runId), (run) => `Run ${run.id} cancelled.`);
  }
});
$('filter').addEventListener('change', () => {
  state.dirty = true;
  render();
});
$('plot-by').addEventListener('change', drawPlot);
$('plot-metric').addEventListener('change', drawPlot);
let resizing = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(drawPlot, 200);
});
setInterval(render, 300);
tick();
