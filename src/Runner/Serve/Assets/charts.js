// Small SVG charts for the dashboard: lines, min-max bands and points on linear, log or category axes.
// Every label is set with textContent: values from results folders are never parsed as markup.
"use strict";

const Charts = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function format(v) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(1);
    return String(Number(v.toPrecision(4)));
  }

  // A scale maps data to [0, 1]; kind is "linear", "log" or "category".
  function scale(kind, values, categories) {
    if (kind === "category") {
      const n = Math.max(categories.length, 1);
      return { kind, map: v => (categories.indexOf(v) + 0.5) / n, ticks: categories.map(c => ({ v: c, label: c })) };
    }
    const finite = values.filter(v => v !== null && isFinite(v) && (kind !== "log" || v > 0));
    // A loop, not Math.min(...values): a search's faded curves are 200,000 values, past the argument limit.
    let lo = finite.length ? Infinity : 0, hi = finite.length ? -Infinity : 1;
    for (const v of finite) { if (v < lo) lo = v; if (v > hi) hi = v; }
    if (kind === "log") {
      let a = Math.log10(lo), b = Math.log10(hi);
      if (a === b) { a -= 0.5; b += 0.5; }
      const pad = (b - a) * 0.04;
      a -= pad; b += pad;
      const ticks = [];
      for (let d = Math.ceil(a); d <= Math.floor(b); d++) ticks.push({ v: Math.pow(10, d), label: "1e" + d });
      if (ticks.length < 2) for (const m of [2, 5]) for (let d = Math.floor(a); d <= Math.ceil(b); d++) {
        const t = m * Math.pow(10, d);
        if (Math.log10(t) >= a && Math.log10(t) <= b) ticks.push({ v: t, label: format(t) });
      }
      return { kind, map: v => (v > 0 ? (Math.log10(v) - a) / (b - a) : NaN), ticks };
    }
    if (lo === hi) { lo -= Math.abs(lo) * 0.05 || 0.5; hi += Math.abs(hi) * 0.05 || 0.5; }
    const pad = (hi - lo) * 0.04;
    lo -= pad; hi += pad;
    const step = niceStep((hi - lo) / 5);
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push({ v: t, label: format(Number(t.toPrecision(12))) });
    return { kind, map: v => (v - lo) / (hi - lo), ticks };
  }

  function niceStep(raw) {
    const p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const f = raw / p;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
  }

  // opts: {title, width, height, x: {kind, label, categories}, y: {kind, label}, series: [...]}
  // series: {type: "line"|"band"|"points", x: [], y: [] (band: low/high), color, dash, label}
  function plot(opts) {
    const width = opts.width || 460, height = opts.height || 280;
    const m = { left: 64, right: 16, top: opts.title ? 24 : 10, bottom: 44 };
    const xs = [], ys = [];
    const add = (to, values) => { for (const v of values) to.push(v); };
    for (const s of opts.series) {
      if (s.type === "lines") { for (const l of s.lines) { add(xs, l.x); add(ys, l.y); } continue; }
      add(xs, s.x);
      if (s.type === "band") { add(ys, s.low); add(ys, s.high); } else add(ys, s.y);
    }
    const sx = scale(opts.x.kind || "linear", xs, opts.x.categories || []);
    const sy = scale(opts.y.kind || "linear", ys, []);
    const W = width - m.left - m.right, H = height - m.top - m.bottom;
    const px = v => m.left + sx.map(v) * W, py = v => m.top + (1 - sy.map(v)) * H;
    const root = svg("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, "data-x-scale": sx.kind, "data-y-scale": sy.kind });
    if (opts.title) root.appendChild(svg("text", { class: "title", x: m.left, y: 15 }, opts.title));
    // Ticks: at most one label per ~60 px on x, so labels never overlap (category labels are thinned too).
    const xTicks = thin(sx.ticks, Math.max(2, Math.floor(W / 60)));
    for (const t of xTicks) {
      const x = px(t.v);
      root.appendChild(svg("line", { class: "grid-line", x1: x, x2: x, y1: m.top, y2: m.top + H }));
      const label = svg("text", { x, y: m.top + H + 14, "text-anchor": "middle", class: "x-tick" }, clip(t.label, 12));
      root.appendChild(label);
    }
    for (const t of thin(sy.ticks, Math.max(2, Math.floor(H / 30)))) {
      const y = py(t.v);
      root.appendChild(svg("line", { class: "grid-line", x1: m.left, x2: m.left + W, y1: y, y2: y }));
      root.appendChild(svg("text", { x: m.left - 6, y: y + 4, "text-anchor": "end", class: "y-tick" }, t.label));
    }
    root.appendChild(svg("line", { class: "axis-line", x1: m.left, x2: m.left + W, y1: m.top + H, y2: m.top + H }));
    root.appendChild(svg("line", { class: "axis-line", x1: m.left, x2: m.left, y1: m.top, y2: m.top + H }));
    root.appendChild(svg("text", { x: m.left + W / 2, y: height - 8, "text-anchor": "middle", class: "x-label" },
      opts.x.label + (sx.kind === "log" ? " (log scale)" : "")));
    root.appendChild(svg("text", { x: 12, y: m.top + H / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${m.top + H / 2})`, class: "y-label" },
      opts.y.label + (sy.kind === "log" ? " (log scale)" : "")));
    const plotArea = svg("g", {});
    root.appendChild(plotArea);
    for (const s of opts.series) {
      const color = s.color || palette[0];
      if (s.type === "lines") {
        // Many faint lines (a search's other trials) as one path: one element, however many runs.
        let d = "";
        for (const l of s.lines) {
          let first = true;
          l.x.forEach((x, i) => {
            const X = px(x), Y = l.y[i] === null ? NaN : py(l.y[i]);
            if (!isFinite(X) || !isFinite(Y)) { first = true; return; }
            d += (first ? "M" : "L") + X.toFixed(1) + "," + Y.toFixed(1);
            first = false;
          });
        }
        plotArea.appendChild(svg("path", { d, fill: "none", stroke: color, "stroke-width": 1, opacity: s.opacity || 0.25, class: "faded", "data-runs": s.lines.length }));
      } else if (s.type === "band") {
        const top = [], bottom = [];
        s.x.forEach((x, i) => {
          if (isFinite(s.low[i]) && isFinite(s.high[i]) && s.low[i] !== null) { top.push(`${px(x)},${py(s.high[i])}`); bottom.unshift(`${px(x)},${py(s.low[i])}`); }
        });
        if (top.length) plotArea.appendChild(svg("polygon", { points: top.concat(bottom).join(" "), fill: color, opacity: 0.15 }));
      } else if (s.type === "line") {
        const pts = s.x.map((x, i) => (s.y[i] === null || !isFinite(py(s.y[i])) ? null : `${px(x)},${py(s.y[i])}`)).filter(p => p);
        plotArea.appendChild(svg("polyline", { points: pts.join(" "), fill: "none", stroke: color, "stroke-width": s.width || 1.8,
          "stroke-dasharray": s.dash ? "5 3" : "none", "data-points": pts.length, class: "series" }));
      } else {
        const g = svg("g", { class: "points", "data-points": s.x.length });
        s.x.forEach((x, i) => {
          const cx = px(x) + (s.jitter ? s.jitter[i] * W / Math.max(1, (opts.x.categories || [1]).length) : 0), cy = py(s.y[i]);
          if (isFinite(cx) && isFinite(cy)) g.appendChild(svg("circle", { cx, cy, r: s.r || 3, fill: color, opacity: 0.7 }));
        });
        plotArea.appendChild(g);
      }
    }
    return root;
  }

  function thin(ticks, max) {
    if (ticks.length <= max) return ticks;
    const every = Math.ceil(ticks.length / max);
    return ticks.filter((_, i) => i % every === 0);
  }

  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  return { plot, scale, format, palette, svg, clip };
})();
