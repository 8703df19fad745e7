// runner serve's front end: reads the JSON API and builds the page with DOM calls and textContent only,
// so nothing read from a results folder (run ids, values, reasons) is ever parsed as HTML or script.
"use strict";

const app = document.getElementById("app");
const ui = { filter: "", state: "", topk: 100, pcTopk: 100, brushes: {}, column: null, configs: null, compareWith: "" };
let versions = {};
let current = null;           // what the page shows: {view, key, ...}
let cache = {};               // key -> sweep JSON of the version shown

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "style") e.style.cssText = v;   // through the CSSOM: the page's policy refuses style attributes
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  return e;
}
const fmt = Charts.format;
const api = path => fetch(path).then(r => (r.ok ? r.json() : r.json().then(j => Promise.reject(new Error(j.error || r.statusText)))));
const link = (hash, text) => el("a", { href: hash }, text);
const sweepHash = (key, tab) => "#/s/" + encodeURIComponent(key) + (tab ? "/" + tab : "");
const state = s => el("span", { class: "state state-" + s.replace(/ /g, ".") }, s);

// ---- routing and live updates ----
function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (parts[0] === "s" && parts[1]) {
    if (parts[2] === "run") return { view: "run", key: parts[1], index: parts[3] };
    return { view: "sweep", key: parts[1], tab: parts[2] || "leaderboard" };
  }
  if (parts[0] === "compare" && parts[1] && parts[2]) return { view: "compare", key: parts[1], other: parts[2] };
  return { view: "list" };
}

async function render(keepScroll) {
  const r = route();
  const scroll = window.scrollY;
  current = r;
  try {
    let page;
    if (r.view === "sweep") page = await sweepPage(r);
    else if (r.view === "run") page = await runPage(r);
    else if (r.view === "compare") page = await comparePage(r);
    else page = await listPage();
    if (route() !== r && JSON.stringify(route()) !== JSON.stringify(r)) return;   // navigated meanwhile
    app.replaceChildren(page);
    if (keepScroll) window.scrollTo(0, scroll);
    app.dataset.rendered = String(Date.now());
  } catch (e) {
    app.replaceChildren(el("p", { class: "error" }, "Could not load: " + e.message));
  }
}

function listen() {
  const live = document.getElementById("live");
  const source = new EventSource("/api/events");
  source.onopen = () => { live.textContent = "live"; live.classList.add("on"); };
  source.onerror = () => { live.textContent = "reconnecting…"; live.classList.remove("on"); };
  source.onmessage = ev => {
    const next = JSON.parse(ev.data);
    const changed = Object.keys(next).filter(k => versions[k] !== next[k]).concat(Object.keys(versions).filter(k => !(k in next)));
    versions = next;
    if (!current || changed.length === 0) return;
    const shown = [current.key, current.other].filter(k => k);
    if (current.view === "list" || shown.some(k => changed.includes(k))) render(true);
  };
}

window.addEventListener("hashchange", () => render(false));
listen();
render(false);

// ---- the sweeps ----
async function listPage() {
  const sweeps = await api("/api/sweeps");
  const rows = sweeps.map(s => el("tr", {},
    el("td", { class: "wrap" }, link(sweepHash(s.key), s.name)),
    el("td", {}, s.kind || ""),
    el("td", { class: "num" }, s.runs),
    el("td", { class: "wrap" }, s.loading ? "loading…" : s.problem ? el("span", { class: "error" }, s.problem) : s.statusLine),
    el("td", {}, s.metric || ""),
    el("td", { class: "num" }, fmt(s.best)),
    el("td", { class: "wrap" }, s.bestLabel || ""),
    el("td", {}, s.started || ""), el("td", {}, s.finished || "")));
  return el("div", {},
    el("h1", {}, "Sweeps"),
    el("p", { class: "sub" }, sweeps.length ? `${sweeps.length} sweep(s); the page follows the folders as sweeps write to them.` : "No sweep found in the folders given."),
    el("table", { id: "sweeps" }, el("thead", {}, el("tr", {}, ["sweep", "kind", "runs", "status", "metric", "best", "best configuration", "started", "finished"].map(h => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

async function sweep(key) {
  // Moving between a sweep's views fetches it again only when the folder changed (the events say so).
  if (cache[key] && versions[key] === cache[key].version) return cache[key];
  const s = await api("/api/sweeps/" + encodeURIComponent(key));
  cache[key] = s;
  return s;
}

async function sweepPage(r) {
  const s = await sweep(r.key);
  const tabs = [["leaderboard", "Leaderboard"], ["runs", "Runs"], ["curves", "Learning curves"], ["parameters", "Metric by parameter"], ["parallel", "Parallel coordinates"]]
    .concat(s.kind === "race" ? [["race", "Race by round"]] : [], [["compare", "Compare"]]);
  const head = el("div", {},
    el("h1", {}, s.name),
    el("p", { class: "sub" }, `${s.kind} sweep · compared metric ${s.metric} (${s.maximize ? "higher" : "lower"} is better) · `, el("span", { id: "status-line" }, s.statusLine)),
    s.problem ? el("p", { class: "error" }, s.problem) : null,
    s.warnings.length ? el("details", { class: "warn" }, el("summary", {}, `${s.warnings.length} warning(s)`), el("ul", {}, s.warnings.map(w => el("li", {}, w)))) : null,
    el("nav", { class: "tabs" }, tabs.map(([t, name]) => el("a", { href: sweepHash(s.key, t), class: t === r.tab ? "active" : "" }, name))));
  const body = { leaderboard: leaderboardView, runs: runsView, curves: curvesView, parameters: parametersView, parallel: parallelView, race: raceView, compare: compareChooser }[r.tab] || leaderboardView;
  return el("div", { id: "sweep", "data-key": s.key }, head, await body(s));
}

function leaderboard(s, limit) {
  const rows = s.leaderboard.slice(0, limit || 200);
  const firstRun = {};
  s.runs.forEach(run => { if (run.config !== null && !(run.config in firstRun)) firstRun[run.config] = run.i; });
  return el("div", {},
    el("table", { id: "leaderboard" },
      el("thead", {}, el("tr", {}, el("th", { class: "num" }, "#"), el("th", {}, "configuration"), el("th", { class: "num" }, s.metric),
        el("th", { class: "num" }, "interval"), el("th", { class: "num" }, "n"), el("th", { class: "num" }, "p vs best"), el("th", {}, "verdict"), el("th", {}, "runs"))),
      el("tbody", {}, rows.map(row => el("tr", {},
        el("td", { class: "num" }, row.rank ?? "–"),
        el("td", { class: "wrap" }, row.config in firstRun ? link(sweepHash(s.key, "run/" + firstRun[row.config]), row.label) : row.label),
        el("td", { class: "num" }, fmt(row.mean)),
        el("td", { class: "num" }, row.band ? `[${fmt(row.low)}, ${fmt(row.high)}] ${row.band}` : ""),
        el("td", { class: "num" }, row.n),
        el("td", { class: "num" }, row.p === null ? "" : fmt(row.p)),
        el("td", { class: "verdict-" + row.verdict }, row.verdictText),
        el("td", {}, row.statuses))))),
    s.configurations > rows.length ? el("p", { class: "sub" }, `Top ${rows.length} of ${s.configurations} configurations.`) : null);
}

// The first view: the leaderboard with the best configurations' learning curves above it, drawn from the
// run summaries the sweep's JSON carries (a few dozen epochs each; the curves view has every epoch).
function leaderboardView(s) {
  const legend = [], series = [];
  s.topCurves.forEach((c, n) => {
    const color = Charts.palette[n % Charts.palette.length];
    c.runs.forEach(run => series.push({ type: "line", x: run.epochs, y: run.values, color, width: 1.4 }));
    legend.push(el("span", { style: `--c:${color}`, class: "leader-curve", "data-config": c.config }, `#${n + 1} ${c.label}` + (c.runs.length > 1 ? ` (${c.runs.length} runs)` : "")));
  });
  return el("div", {},
    series.length ? el("div", { id: "leader-curves" }, el("div", { class: "legend" }, legend),
      Charts.plot({ width: Math.min(1100, window.innerWidth - 60), height: 240, title: `${s.metric} by epoch: the best ${s.topCurves.length} configurations, each run`, x: { label: "epoch" }, y: { label: s.metric }, series })) : null,
    leaderboard(s));
}

// ---- runs, with a filter ----
function rankCut(runs, maximize, percent) {
  const values = runs.map(r => r.metric).filter(v => v !== null).sort((a, b) => (maximize ? b - a : a - b));
  if (percent >= 100 || values.length === 0) return null;
  return values[Math.max(0, Math.ceil(values.length * percent / 100) - 1)];
}

function filterRuns(s) {
  const text = ui.filter.trim().toLowerCase();
  const cut = rankCut(s.runs, s.maximize, ui.topk);
  return s.runs.filter(r =>
    (!text || r.id.toLowerCase().includes(text) || r.axes.some(a => a.toLowerCase().includes(text))) &&
    (!ui.state || r.state === ui.state) &&
    (cut === null || (r.metric !== null && (s.maximize ? r.metric >= cut : r.metric <= cut))));
}

function runsView(s) {
  const shownMax = 500;
  const count = el("span", { id: "run-count" });
  const tbody = el("tbody", {});
  const update = () => {
    const t0 = performance.now();
    const runs = filterRuns(s);
    count.textContent = `${runs.length} of ${s.runs.length} runs`;
    tbody.replaceChildren(...runs.slice(0, shownMax).map(r => el("tr", { "data-run": r.i },
      el("td", { class: "num" }, r.i + 1),
      el("td", { class: "wrap run-id" }, link(sweepHash(s.key, "run/" + r.i), r.id)),
      el("td", {}, state(r.state), r.where ? " " + r.where : ""),
      el("td", { class: "num epoch" }, r.epochs ? `${r.epoch}/${r.epochs}` : String(r.epoch)),
      r.axes.map(a => el("td", { class: "wrap" }, a)),
      el("td", { class: "num" }, fmt(r.metric)),
      el("td", { class: "wrap" }, r.reason))));
    if (runs.length > shownMax) tbody.appendChild(el("tr", {}, el("td", { colspan: 6 + s.axes.length }, `… ${runs.length - shownMax} more; narrow the filter`)));
    window.lastFilterMs = performance.now() - t0;
  };
  const states = [...new Set(s.runs.map(r => r.state))];
  const controls = el("div", { class: "controls" },
    el("label", {}, "Filter ", el("input", { type: "text", id: "run-filter", value: ui.filter, placeholder: "text in the run id or a value", oninput: e => { ui.filter = e.target.value; update(); } })),
    el("label", {}, "State ", el("select", { id: "run-state", onchange: e => { ui.state = e.target.value; update(); } },
      el("option", { value: "" }, "any"), states.map(st => el("option", st === ui.state ? { value: st, selected: "" } : { value: st }, st)))),
    el("label", {}, "Top ", el("input", { type: "number", id: "run-topk", min: 1, max: 100, value: ui.topk, oninput: e => { ui.topk = Math.min(100, Math.max(1, Number(e.target.value) || 100)); update(); } }), ` % by ${s.metric}`),
    count);
  update();
  return el("div", {}, controls,
    el("table", { id: "runs" }, el("thead", {}, el("tr", {}, el("th", { class: "num" }, "#"), el("th", {}, "run"), el("th", {}, "state"), el("th", { class: "num" }, "epoch"),
      s.axes.map(a => el("th", {}, a.name)), el("th", { class: "num" }, s.metric), el("th", {}, "reason"))), tbody));
}

// ---- learning curves: mean and min-max band per configuration ----
async function curvesView(s) {
  const columns = s.historyColumns.filter(c => c !== "learning_rate");
  const column = ui.column && columns.includes(ui.column) ? ui.column : columns.includes(s.metric) ? s.metric : columns[0];
  const select = el("select", { id: "curve-column", onchange: e => { ui.column = e.target.value; render(true); } },
    columns.map(c => el("option", c === column ? { value: c, selected: "" } : { value: c }, c)));
  return s.search ? searchCurves(s, column, select) : gridCurves(s, column, select);
}

// A search's trials are single-seed configurations: all their curves at once are a tangle. The best k by
// the compared metric are drawn in colour (every epoch), every other trial faded behind them (its summary
// of at most a few dozen epochs, so 10,000 trials stay light).
async function searchCurves(s, column, select) {
  const k = Math.max(1, Math.min(20, ui.curveTopk || 5));
  const top = s.leaderboard.filter(r => r.mean !== null).slice(0, k);
  const [all, best] = await Promise.all([
    api(`/api/sweeps/${encodeURIComponent(s.key)}/summaries?column=${encodeURIComponent(column || "")}`),
    api(`/api/sweeps/${encodeURIComponent(s.key)}/curves?column=${encodeURIComponent(column || "")}&configs=${top.map(r => r.config).join(",")}`)]);
  const highlighted = new Set(top.map(r => r.config));
  const rest = all.runs.filter(r => r.config !== null && !highlighted.has(r.config)).map(r => ({ x: r.epochs, y: r.values }));
  const series = [{ type: "lines", lines: rest, color: "#8a94a6", opacity: rest.length > 500 ? 0.1 : 0.3 }];
  const legend = [];
  const byConfig = {};
  best.bands.forEach(b => { byConfig[b.config] = b; });
  top.forEach((row, n) => {
    const b = byConfig[row.config];
    if (!b) return;
    const color = Charts.palette[n % Charts.palette.length];
    series.push({ type: "line", x: b.epochs, y: b.mean, color, width: 2.4 });
    legend.push(el("span", { style: `--c:${color}`, class: "top-curve", "data-config": row.config }, `#${row.rank} ${row.label} (${s.metric} ${fmt(row.mean)})`));
  });
  best.live.forEach((l, n) => {
    const color = Charts.palette[(top.length + n) % Charts.palette.length];
    series.push({ type: "line", x: l.epochs, y: l.values, color, dash: true });
    legend.push(el("span", { style: `--c:${color}` }, `${l.id} (training)`));
  });
  const topk = el("input", { type: "number", id: "curve-topk", min: 1, max: 20, value: k,
    oninput: e => { ui.curveTopk = Math.min(20, Math.max(1, Number(e.target.value) || 5)); render(true); } });
  return el("div", { id: "curves-tangle" },
    el("div", { class: "controls" }, el("label", {}, "Column ", select), el("label", {}, "Highlight the best ", topk, ` by ${s.metric}`),
      el("span", { class: "sub", id: "faded-count" }, `${rest.length} other trial(s) faded (at most ${all.points} epochs each)` +
        (all.total > all.runs.length ? `; the best ${all.runs.length} of ${all.total} trials are drawn` : ""))),
    el("div", { class: "legend" }, legend),
    all.runs.length ? Charts.plot({ width: Math.min(1100, window.innerWidth - 60), height: 420, title: `${column}: the best ${top.length} trials, the rest faded`, x: { label: "epoch" }, y: { label: column }, series })
      : el("p", {}, "No epochs recorded yet."));
}

// A grid's configurations, chosen by checkboxes: each one's mean over its seeds with the min-max band.
async function gridCurves(s, column, select) {
  const choices = s.leaderboard.slice(0, 50);
  if (!ui.configs || ui.configsKey !== s.key) { ui.configs = choices.slice(0, 6).map(r => r.config); ui.configsKey = s.key; }
  const data = await api(`/api/sweeps/${encodeURIComponent(s.key)}/curves?column=${encodeURIComponent(column || "")}&configs=${ui.configs.join(",")}`);
  const series = [], legend = [];
  data.bands.forEach((b, n) => {
    const color = Charts.palette[n % Charts.palette.length];
    if (b.runs >= 2) series.push({ type: "band", x: b.epochs, low: b.low, high: b.high, color });
    series.push({ type: "line", x: b.epochs, y: b.mean, color });
    legend.push(el("span", { style: `--c:${color}` }, `${b.label} (${b.runs >= 2 ? "mean, band " + b.bandName : "one run"})`));
  });
  data.live.forEach((l, n) => {
    const color = Charts.palette[(data.bands.length + n) % Charts.palette.length];
    series.push({ type: "line", x: l.epochs, y: l.values, color, dash: true });
    legend.push(el("span", { style: `--c:${color}` }, `${l.id} (training)`));
  });
  const boxes = el("div", { class: "configs" }, choices.map(r => el("label", {},
    el("input", Object.assign({ type: "checkbox", onchange: e => {
      ui.configs = e.target.checked ? ui.configs.concat([r.config]) : ui.configs.filter(c => c !== r.config); render(true);
    } }, ui.configs.includes(r.config) ? { checked: "" } : {})), ` #${r.rank ?? "–"} ${r.label}`)));
  return el("div", {},
    el("div", { class: "controls" }, el("label", {}, "Column ", select)),
    el("div", { class: "legend" }, legend),
    series.length ? Charts.plot({ width: Math.min(1100, window.innerWidth - 60), height: 380, title: `${column} by epoch`, x: { label: "epoch" }, y: { label: column }, series })
      : el("p", {}, "No epochs recorded yet."),
    el("h2", {}, "Configurations (leaderboard order)"), boxes);
}

// ---- the metric against each parameter, and best-so-far for searches ----
function parametersView(s) {
  const done = s.runs.filter(r => r.metric !== null && r.config !== null);
  const charts = s.axes.map((axis, a) => {
    const numeric = axis.numeric;
    const xs = done.map(r => (numeric ? Number(r.axes[a]) : r.axes[a]));
    const categories = numeric ? [] : [...new Set(xs)];
    const jitter = numeric ? null : done.map((_, i) => ((i * 0.618) % 1 - 0.5) * 0.5);
    return el("div", { class: "param", "data-axis": axis.name }, Charts.plot({
      title: `${s.metric} by ${axis.name}`, x: { kind: numeric ? (axis.log ? "log" : "linear") : "category", label: axis.name, categories },
      y: { label: s.metric }, series: [{ type: "points", x: xs, y: done.map(r => r.metric), jitter }] }));
  });
  const parts = [el("div", { class: "grid" }, charts)];
  if (s.search) {
    // Trials in the order the search proposed them (plan order); the line is the best so far.
    const trials = s.runs.filter(r => r.metric !== null);
    let best = null;
    const running = trials.map(r => (best = best === null || (s.maximize ? r.metric > best : r.metric < best) ? r.metric : best));
    parts.unshift(el("div", { id: "best-so-far" }, Charts.plot({
      width: Math.min(1100, window.innerWidth - 60), title: `best ${s.metric} so far, by trial`, x: { label: "trial" }, y: { label: s.metric },
      series: [{ type: "points", x: trials.map(r => r.i + 1), y: trials.map(r => r.metric), color: "#9aa5b1" },
        { type: "line", x: trials.map(r => r.i + 1), y: running, color: "#d62728" }] })));
  }
  if (done.length === 0) parts.push(el("p", {}, "No run has a value of the compared metric yet."));
  return el("div", {}, parts);
}

// ---- parallel coordinates: canvas lines, SVG axes, brushing and a top-k% filter ----
function parallelView(s) {
  const width = Math.max(600, window.innerWidth - 60), height = 420, m = { top: 30, bottom: 40, left: 60, right: 60 };
  const axes = s.axes.map((a, i) => ({ name: a.name, kind: a.numeric ? (a.log ? "log" : "linear") : "category", value: r => (a.numeric ? Number(r.axes[i]) : r.axes[i]) }))
    .concat([{ name: s.metric, kind: "linear", value: r => r.metric, metric: true }]);
  const wrap = el("div", { class: "pc", id: "parallel", style: `width:${width}px;height:${height}px` });
  const canvas = el("canvas", { width, height });
  const overlay = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  overlay.setAttribute("width", width); overlay.setAttribute("height", height);
  const count = el("span", { id: "pc-count" });
  wrap.append(canvas, overlay);
  const H = height - m.top - m.bottom, step = (width - m.left - m.right) / Math.max(1, axes.length - 1);
  const ax = i => m.left + i * step;

  function draw() {
    const t0 = performance.now();
    const cut = rankCut(s.runs, s.maximize, ui.pcTopk);
    const pool = s.runs.filter(r => r.metric !== null && (cut === null || (s.maximize ? r.metric >= cut : r.metric <= cut)));
    // Scales come from the runs kept, so a few diverged runs don't flatten the rest.
    const scales = axes.map(a => Charts.scale(a.kind, pool.map(a.value), a.kind === "category" ? [...new Set(pool.map(a.value))] : []));
    const kept = pool.filter(r => axes.every((a, i) => {
      const b = ui.brushes[a.name];
      if (!b) return true;
      const y = 1 - scales[i].map(a.value(r));
      return y >= b[0] && y <= b[1];
    }));
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, width, height);
    const mScale = scales[scales.length - 1];
    ctx.globalAlpha = kept.length > 2000 ? 0.15 : 0.5;
    for (const r of kept) {
      const t = mScale.map(r.metric);
      ctx.strokeStyle = `hsl(${Math.round((s.maximize ? t : 1 - t) * 120)}, 70%, 42%)`;
      ctx.beginPath();
      axes.forEach((a, i) => { const y = m.top + (1 - scales[i].map(a.value(r))) * H; if (i) ctx.lineTo(ax(i), y); else ctx.moveTo(ax(i), y); });
      ctx.stroke();
    }
    overlay.replaceChildren();
    axes.forEach((a, i) => {
      const g = Charts.svg("g", { class: "pc-axis", "data-axis": a.name, "data-scale": scales[i].kind });
      g.appendChild(Charts.svg("line", { x1: ax(i), x2: ax(i), y1: m.top, y2: m.top + H, stroke: "#555" }));
      g.appendChild(Charts.svg("text", { x: ax(i), y: m.top - 10, "text-anchor": "middle", class: "title" }, Charts.clip(a.name + (scales[i].kind === "log" ? " (log)" : ""), 24)));
      const ticks = scales[i].ticks.length > 8 ? scales[i].ticks.filter((_, k) => k % Math.ceil(scales[i].ticks.length / 8) === 0) : scales[i].ticks;
      for (const t of ticks) g.appendChild(Charts.svg("text", { x: ax(i) - 4, y: m.top + (1 - scales[i].map(t.v)) * H + 4, "text-anchor": "end" }, Charts.clip(t.label, 10)));
      const b = ui.brushes[a.name];
      if (b) g.appendChild(Charts.svg("rect", { class: "brush", x: ax(i) - 8, width: 16, y: m.top + b[0] * H, height: (b[1] - b[0]) * H }));
      const hit = Charts.svg("rect", { class: "axis-hit", x: ax(i) - 12, width: 24, y: m.top, height: H });
      hit.addEventListener("mousedown", e => brush(e, a.name));
      g.appendChild(hit);
      overlay.appendChild(g);
    });
    count.textContent = `${kept.length} of ${s.runs.length} runs`;
    window.lastFilterMs = performance.now() - t0;
  }

  function brush(e, name) {
    const top = overlay.getBoundingClientRect().top + m.top;
    const start = Math.min(1, Math.max(0, (e.clientY - top) / H));
    const move = ev => { const y = Math.min(1, Math.max(0, (ev.clientY - top) / H)); ui.brushes[name] = [Math.min(start, y), Math.max(start, y)]; draw(); };
    const up = ev => {
      document.removeEventListener("mousemove", move); document.removeEventListener("mouseup", up);
      if (Math.abs((ev.clientY - top) / H - start) < 0.01) delete ui.brushes[name];   // a click clears the brush
      draw();
    };
    document.addEventListener("mousemove", move); document.addEventListener("mouseup", up);
  }

  const controls = el("div", { class: "controls" },
    el("label", {}, "Top ", el("input", { type: "number", id: "pc-topk", min: 1, max: 100, value: ui.pcTopk, oninput: e => { ui.pcTopk = Math.min(100, Math.max(1, Number(e.target.value) || 100)); draw(); } }), ` % by ${s.metric}`),
    el("button", { onclick: () => { ui.brushes = {}; draw(); } }, "Clear brushes"), count,
    el("span", { class: "sub" }, "Drag along an axis to keep the runs in a range; click it to clear."));
  setTimeout(draw, 0);
  draw();
  return el("div", {}, controls, wrap);
}

// ---- a race by round: who was in, their mean and interval, who was eliminated with which p ----
async function raceView(s) {
  if (s.kind !== "race") return el("p", {}, "This sweep is not a race.");
  const race = await api(`/api/sweeps/${encodeURIComponent(s.key)}/race`);
  if (race.problem) return el("p", { class: "error" }, race.problem);
  // One row per configuration in leaderboard order; one column per round; a configuration's cells end at the round it went out in.
  const order = s.leaderboard.map(r => r.config);
  const labels = {};
  race.rounds.forEach(round => round.entries.forEach(e => { labels[e.config] = e.label; }));
  const configs = order.filter(c => c in labels).concat(Object.keys(labels).map(Number).filter(c => !order.includes(c)));
  const cell = (c, round) => {
    const e = round.entries.find(x => x.config === c);
    if (!e) return el("td", { class: "race-none", "data-round": round.round }, "");
    return el("td", { class: "num " + (e.eliminated ? "race-out" : "race-in"), "data-round": round.round, "data-decision": e.eliminated ? "eliminated" : "in", title: e.reason },
      el("div", { class: "race-mean" }, fmt(e.mean)),
      e.band ? el("div", { class: "sub" }, `[${fmt(e.low)}, ${fmt(e.high)}] ${e.band}`) : null,
      el("div", { class: "race-decision" }, e.eliminated ? `eliminated, p ${fmt(e.p)}` : e.p === null ? "in (best)" : `in, p ${fmt(e.p)}`));
  };
  return el("div", { id: "race" },
    el("p", { class: "sub" }, `Mean ${race.metric} over each round's seeds, with its interval; p is the Holm-adjusted one-sided paired t-test against the round's best. Hover a cell for the whole reason.`),
    race.rounds.length === 0 ? el("p", {}, "No round has been decided yet.") :
    el("table", { id: "race-table" },
      el("thead", {}, el("tr", {}, el("th", {}, "configuration"), race.rounds.map(r => el("th", { class: "num" }, `round ${r.round} (${r.seeds} seeds)`)))),
      el("tbody", {}, configs.map(c => el("tr", { "data-config": c }, el("td", { class: "wrap" }, labels[c]), race.rounds.map(round => cell(c, round)))))),
    el("p", { id: "race-ending" }, race.ending));
}

// ---- two sweeps side by side ----
function compareChooser(s) {
  return api("/api/sweeps").then(list => el("div", { class: "controls" }, "Compare with ",
    el("select", { id: "compare-with", onchange: e => { if (e.target.value) location.hash = "#/compare/" + encodeURIComponent(s.key) + "/" + encodeURIComponent(e.target.value); } },
      el("option", { value: "" }, "choose a sweep"), list.filter(o => o.key !== s.key).map(o => el("option", { value: o.key }, o.name)))));
}

async function comparePage(r) {
  const [a, b] = await Promise.all([sweep(r.key), sweep(r.other)]);
  const column = async s => {
    const best = s.leaderboard.slice(0, 3).map(x => x.config);
    const data = await api(`/api/sweeps/${encodeURIComponent(s.key)}/curves?column=${encodeURIComponent(s.metric)}&configs=${best.join(",")}`);
    const series = data.bands.flatMap((band, n) => [
      { type: "band", x: band.epochs, low: band.low, high: band.high, color: Charts.palette[n] },
      { type: "line", x: band.epochs, y: band.mean, color: Charts.palette[n] }]);
    return el("div", {}, el("h2", {}, link(sweepHash(s.key), s.name)), el("p", { class: "sub" }, s.statusLine),
      series.length ? Charts.plot({ title: `${s.metric}: top 3 configurations (mean, min-max band)`, x: { label: "epoch" }, y: { label: s.metric }, series }) : null,
      leaderboard(s, 20));
  };
  return el("div", {}, el("h1", {}, `${a.name} and ${b.name}`), el("div", { class: "side" }, await column(a), await column(b)));
}

// ---- one run ----
async function runPage(r) {
  const run = await api(`/api/sweeps/${encodeURIComponent(r.key)}/runs/${encodeURIComponent(r.index)}`);
  const groups = run.columns.filter(c => !c.startsWith("val_") && c !== "learning_rate")
    .map(c => [c].concat(run.columns.includes("val_" + c) ? ["val_" + c] : []));
  const charts = groups.map(g => Charts.plot({ title: g.join(" and "), x: { label: "epoch" }, y: { label: g[0] },
    series: g.map((c, n) => ({ type: "line", x: run.curveEpochs, y: run.curves[run.columns.indexOf(c)], color: Charts.palette[n] })) }));
  const confusion = run.confusion ? el("div", {}, el("h2", {}, `Confusion matrix (test set: ${run.confusion.correct} of ${run.confusion.total} right)`),
    el("table", { class: "confusion" }, el("tr", {}, el("th", {}, "label \\ predicted"), run.confusion.names.map(name => el("th", { scope: "col" }, name))),
      run.confusion.counts.map((row, l) => el("tr", {}, el("th", { scope: "row" }, run.confusion.names[l]), row.map((n, c) => el("td", { style: c === l ? "font-weight:700" : "" }, n)))))) : null;
  const misclassified = el("div", { id: "misclassified" }, el("h2", {}, "Misclassified test images"), el("p", { class: "sub" }, "loading…"));
  showMisclassified(r, misclassified);
  return el("div", { id: "run" },
    el("p", {}, link(sweepHash(r.key, "runs"), "← runs")),
    el("h1", { class: "run-id" }, run.id),
    el("p", { class: "sub" }, state(run.state), ` ${run.where} · epoch `, el("span", { id: "run-epoch" }, run.epochs ? `${run.epoch}/${run.epochs}` : String(run.epoch)),
      ` · folder runs/${run.dir}`, run.reason ? ` · ${run.reason}` : ""),
    el("div", { class: "legend" }, ["train", "validation"].map((n, i) => el("span", { style: `--c:${Charts.palette[i]}` }, n))),
    el("div", { class: "grid", id: "run-curves", "data-epochs": run.curveEpochs.length }, charts),
    el("div", { class: "side" },
      el("div", {}, el("h2", {}, "Summary"), el("table", {}, run.axes.map(a => el("tr", {}, el("th", {}, a.name), el("td", { class: "wrap" }, a.value))),
        run.values.map(v => el("tr", {}, el("th", {}, v.name), el("td", { class: "num" }, fmt(v.value))))),
        run.summary ? el("pre", {}, run.summary) : null),
      el("div", {}, el("h2", {}, "Resolved config"), el("pre", {}, run.config || "(no config.yaml)"))),
    confusion, misclassified);
}

// The first misclassified test images of a run, drawn on canvases from the pixels the server sends
// (grey: dark ink on white, as the report draws them); or the reason there are none.
async function showMisclassified(r, box) {
  let m;
  try { m = await api(`/api/sweeps/${encodeURIComponent(r.key)}/runs/${encodeURIComponent(r.index)}/misclassified`); }
  catch (e) { m = { available: false, why: "could not load: " + e.message, images: [] }; }
  const head = box.firstChild;
  if (!m.available) { box.replaceChildren(head, el("p", { class: "why" }, "None shown: " + m.why + ".")); return; }
  const cells = m.images.map(img => {
    const canvas = el("canvas", { width: img.width, height: img.height, class: "mis-image" });
    const raw = atob(img.pixels), data = canvas.getContext("2d").createImageData(img.width, img.height);
    for (let p = 0; p < img.width * img.height; p++) {
      const at = p * img.channels, grey = img.channels < 3;
      data.data[p * 4] = grey ? 255 - raw.charCodeAt(at) : raw.charCodeAt(at);
      data.data[p * 4 + 1] = grey ? 255 - raw.charCodeAt(at) : raw.charCodeAt(at + 1);
      data.data[p * 4 + 2] = grey ? 255 - raw.charCodeAt(at) : raw.charCodeAt(at + 2);
      data.data[p * 4 + 3] = 255;
    }
    canvas.getContext("2d").putImageData(data, 0, 0);
    return el("figure", { class: "mis-cell", "data-index": img.index, title: "test sample " + img.index }, canvas,
      el("figcaption", {}, el("span", { class: "mis-label" }, img.label), " → ", el("span", { class: "mis-predicted" }, img.predicted)));
  });
  box.replaceChildren(head, el("p", { class: "sub" }, `The first ${m.images.length} of ${m.wrong} wrong among ${m.total} test predictions (test sample index on hover): label → predicted.`),
    el("div", { class: "mis-grid" }, cells));
}
