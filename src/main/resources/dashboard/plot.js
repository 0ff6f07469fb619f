// A line plot drawn as SVG by hand: one line per series, a point per run (x: when the run started, y: latency in
// ms), axes with a few ticks, a <title> on each point for its exact value. Colours come from app.css (.s0 ... .s7).

const NS = 'http://www.w3.org/2000/svg';
export const COLOURS = 8;

function node(tag, attrs, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    n.setAttribute(k, v);
  }
  if (text !== undefined) {
    n.textContent = text;
  }
  return n;
}

/** A round step for about `count` ticks up to max. */
function step(max, count) {
  const raw = max / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function clock(d) {
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * Draws series [{name, points: [{x: Date, y: number, run: id}]}] into a new <svg> of the given pixel width and
 * returns it. Points with a null y are left out; a series' line joins the others.
 */
export function linePlot(series, width, height, label) {
  const pad = { left: 52, right: 12, top: 10, bottom: 30 };
  const svg = node('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    class: 'plot' });
  const all = series.flatMap((s) => s.points.filter((p) => p.y !== null && p.y !== undefined));
  if (!all.length) {
    return svg;
  }
  const xs = all.map((p) => p.x.getTime());
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x1 === x0) {
    x0 -= 1000;
    x1 += 1000;
  }
  const yStep = step(Math.max(1, ...all.map((p) => p.y)), 4);
  const y1 = Math.ceil(Math.max(1, ...all.map((p) => p.y)) / yStep) * yStep;
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const px = (t) => pad.left + ((t - x0) / (x1 - x0)) * w;
  const py = (v) => pad.top + h - (v / y1) * h;

  const axes = node('g', { class: 'axes' });
  for (let v = 0; v <= y1 + yStep / 2; v += yStep) {
    axes.append(node('line', { x1: pad.left, x2: pad.left + w, y1: py(v), y2: py(v), class: 'grid' }));
    axes.append(node('text', { x: pad.left - 6, y: py(v) + 4, 'text-anchor': 'end' }, Math.round(v) + ' ms'));
  }
  const ticks = width < 420 ? 2 : 4;
  let previous = '';
  for (let i = 0; i <= ticks; i++) {
    const t = x0 + ((x1 - x0) * i) / ticks;
    const label = clock(new Date(t));
    if (label !== previous) { // a short span has several ticks in one second
      const anchor = i === 0 ? 'start' : i === ticks ? 'end' : 'middle';
      axes.append(node('text', { x: px(t), y: height - 8, 'text-anchor': anchor }, label));
    }
    previous = label;
  }
  axes.append(node('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + h, class: 'axis' }));
  svg.append(axes);

  series.forEach((s, i) => {
    const g = node('g', { class: 'series s' + (i % COLOURS) });
    const pts = s.points.filter((p) => p.y !== null && p.y !== undefined);
    if (pts.length > 1) {
      g.append(node('polyline', { points: pts.map((p) => px(p.x.getTime()) + ',' + py(p.y)).join(' ') }));
    }
    for (const p of pts) {
      const c = node('circle', { cx: px(p.x.getTime()), cy: py(p.y), r: 3.5, class: 'pt', 'data-run': p.run });
      c.append(node('title', {}, `${s.name}: ${p.y} ms at ${clock(p.x)} (run ${p.run})`));
      g.append(c);
    }
    svg.append(g);
  });
  return svg;
}
