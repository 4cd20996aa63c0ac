/**
 * The Insights view's charts, drawn as inline SVG by our own code: no chart library, no
 * CDN, nothing the CSP would have to allow. Every chart carries a `<title>` and an
 * aria-label that state its numbers, so a screen reader gets what the picture shows.
 * Colours come from CSS classes in media/insights.css (theme variables only).
 */
import { duration, signed } from './format';

const SVG_NS = 'http://www.w3.org/2000/svg';
type Attrs = Record<string, string | number>;

/** Creates an SVG element with attributes; text goes in through `textContent` only. */
function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** An accessible chart canvas: `role="img"`, a `<title>` and an aria-label with the same words. */
function frame(width: number, height: number, label: string, className: string): SVGSVGElement {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: `chart ${className}` });
  svg.append(svgEl('title', {}, label));
  return svg;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Sentiment of one answer over time, in [-1, 1], with its zero line. */
export function sparkline(series: readonly number[]): SVGSVGElement {
  // Wide and short, like the sidebar: the scale stays [-1, 1] so answers compare at a glance.
  const width = 300;
  const height = 44;
  const values = series.map(clampUnit);
  const last = values[values.length - 1] ?? 0;
  const label = values.length
    ? `Sentiment over the answer: ${values.length} points from ${signed(Math.min(...values))} to ${signed(Math.max(...values))}, now ${signed(last)}`
    : 'Sentiment over the answer: no points yet';
  const svg = frame(width, height, label, 'sparkline');
  const y = (v: number) => round(height / 2 - v * (height / 2 - 3));
  svg.append(svgEl('line', { x1: 0, x2: width, y1: y(0), y2: y(0), class: 'zero' }));
  if (values.length === 0) return svg;
  const x = (i: number) => (values.length === 1 ? width : round((i / (values.length - 1)) * (width - 3)));
  if (values.length > 1) {
    svg.append(svgEl('polyline', { points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), class: 'line' }));
  }
  svg.append(svgEl('circle', { cx: Math.min(x(values.length - 1), width - 3), cy: y(last), r: 2.5, class: `dot ${last >= 0 ? 'positive' : 'negative'}` }));
  return svg;
}

/** A thin horizontal bar for a value in [0, 1], for lists of labelled bars laid out by CSS. */
export function meterBar(fraction: number, label: string): SVGSVGElement {
  const svg = svgEl('svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', role: 'img', 'aria-label': label, class: 'meter' });
  svg.append(svgEl('title', {}, label));
  svg.append(svgEl('rect', { x: 0, y: 0, width: 100, height: 8, class: 'track' }));
  svg.append(svgEl('rect', { x: 0, y: 0, width: round((Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0) * 100), height: 8, class: 'fill' }));
  return svg;
}

/** Mean sentiment per period as a line with dots, around a zero line. */
export function trendLine(points: ReadonlyArray<{ period: string; value: number }>): SVGSVGElement {
  const width = 300;
  const height = 90;
  const pad = { left: 30, right: 6, top: 8, bottom: 16 };
  const values = points.map((p) => clampUnit(p.value));
  const label = `Sentiment by period: ${points.map((p) => `${p.period} ${signed(p.value)}`).join(', ')}`;
  const svg = frame(width, height, label, 'trend');
  // Symmetric range rounded up to a quarter, so small swings are still visible.
  const span = Math.max(0.25, Math.ceil(Math.max(0, ...values.map(Math.abs)) * 4) / 4);
  const plotH = height - pad.top - pad.bottom;
  const y = (v: number) => round(pad.top + ((span - v) / (2 * span)) * plotH);
  const x = (i: number) => round(pad.left + (values.length === 1 ? (width - pad.left - pad.right) / 2 : (i / (values.length - 1)) * (width - pad.left - pad.right)));
  svg.append(
    svgEl('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'zero' }),
    svgEl('text', { x: pad.left - 4, y: y(span) + 4, class: 'axis', 'text-anchor': 'end' }, signed(span)),
    svgEl('text', { x: pad.left - 4, y: y(0) + 3, class: 'axis', 'text-anchor': 'end' }, '0'),
    svgEl('text', { x: pad.left - 4, y: y(-span), class: 'axis', 'text-anchor': 'end' }, signed(-span)),
  );
  if (values.length > 1) svg.append(svgEl('polyline', { points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), class: 'line' }));
  values.forEach((v, i) => {
    const dot = svgEl('circle', { cx: x(i), cy: y(v), r: 2.5, class: `dot ${v >= 0 ? 'positive' : 'negative'}` });
    dot.append(svgEl('title', {}, `${points[i].period}: ${signed(points[i].value)}`));
    svg.append(dot);
  });
  appendEndLabels(
    svg,
    points.map((p) => p.period),
    pad.left,
    width - pad.right,
    height - 3,
  );
  return svg;
}

/** One bin of a histogram: values in [from, to). */
interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Splits durations into at most `maxBins` equal bins of a round width, starting at zero. */
export function histogramBins(values: readonly number[], maxBins = 10): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v) && v >= 0);
  if (finite.length === 0) return [];
  const max = Math.max(...finite);
  const binCount = Math.max(1, Math.min(maxBins, Math.ceil(Math.sqrt(finite.length))));
  const width = niceCeil(max / binCount || 1);
  const bins: Bin[] = [];
  for (let from = 0; bins.length === 0 || from <= max; from += width) bins.push({ from, to: from + width, count: 0 });
  for (const v of finite) bins[Math.min(bins.length - 1, Math.floor(v / width))].count++;
  return bins;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `value`. */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The lower median (an observed value, never an average of two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
}

/** Distribution of durations (response time, time to first token) as columns. */
export function histogram(values: readonly number[], what: string): SVGSVGElement {
  const width = 300;
  const height = 64;
  const pad = { left: 4, right: 4, top: 6, bottom: 16 };
  const bins = histogramBins(values);
  const label = `${what}: ${values.length} answers, median ${duration(median(values))}; ${bins.map((b) => `${duration(b.from)}–${duration(b.to)}: ${b.count}`).join(', ')}`;
  const svg = frame(width, height, label, 'histogram');
  const most = Math.max(1, ...bins.map((b) => b.count));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const barW = plotW / Math.max(1, bins.length);
  bins.forEach((bin, i) => {
    const h = round((bin.count / most) * plotH);
    const bar = svgEl('rect', { x: round(pad.left + i * barW + 1), y: round(pad.top + plotH - h), width: round(Math.max(1, barW - 2)), height: h, class: 'bar' });
    bar.append(svgEl('title', {}, `${duration(bin.from)}–${duration(bin.to)}: ${bin.count} answers`));
    svg.append(bar);
  });
  svg.append(svgEl('line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: 'baseline' }));
  if (bins.length) {
    svg.append(
      svgEl('text', { x: pad.left, y: height - 3, class: 'axis' }, '0'),
      svgEl('text', { x: width - pad.right, y: height - 3, class: 'axis', 'text-anchor': 'end' }, duration(bins[bins.length - 1].to)),
    );
  }
  return svg;
}

/** One period's topic counts. */
export interface PeriodTopics {
  period: string;
  topics: ReadonlyArray<{ term: string; count: number }>;
}

/** The terms that get their own colour (most frequent overall); the rest stack as "other". */
export function leadingTerms(periods: readonly PeriodTopics[], limit = 5): string[] {
  const totals = new Map<string, number>();
  for (const p of periods) for (const t of p.topics) totals.set(t.term, (totals.get(t.term) ?? 0) + t.count);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([term]) => term);
}

/** Topics per period as stacked columns; colour `series-i` is `terms[i]`, `series-other` the rest. */
export function stackedTopics(periods: readonly PeriodTopics[], terms: readonly string[]): SVGSVGElement {
  const width = 300;
  const height = 100;
  const pad = { left: 4, right: 4, top: 6, bottom: 16 };
  const label = `Topics by period: ${periods.map((p) => `${p.period}: ${p.topics.map((t) => `${t.term} ${t.count}`).join(', ') || 'none'}`).join('; ')}`;
  const svg = frame(width, height, label, 'stacked');
  const totals = periods.map((p) => p.topics.reduce((n, t) => n + t.count, 0));
  const most = Math.max(1, ...totals);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const colW = plotW / Math.max(1, periods.length);
  periods.forEach((period, i) => {
    let top = pad.top + plotH;
    const column = svgEl('g', { class: 'column' });
    column.append(svgEl('title', {}, `${period.period}: ${period.topics.map((t) => `${t.term} ${t.count}`).join(', ') || 'no topics'}`));
    for (const topic of orderForStack(period.topics, terms)) {
      const h = (topic.count / most) * plotH;
      top -= h;
      const index = terms.indexOf(topic.term);
      column.append(
        svgEl('rect', {
          x: round(pad.left + i * colW + 1),
          y: round(top),
          width: round(Math.max(1, colW - 2)),
          height: round(h),
          class: `segment series-${index >= 0 ? index : 'other'}`,
        }),
      );
    }
    svg.append(column);
  });
  svg.append(svgEl('line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: 'baseline' }));
  appendEndLabels(
    svg,
    periods.map((p) => p.period),
    pad.left,
    width - pad.right,
    height - 3,
  );
  return svg;
}

// Named terms first, in legend order, so the same colour sits at the same height in every column.
function orderForStack(topics: PeriodTopics['topics'], terms: readonly string[]): PeriodTopics['topics'] {
  const rank = (term: string) => (terms.includes(term) ? terms.indexOf(term) : terms.length);
  return [...topics].sort((a, b) => rank(a.term) - rank(b.term));
}

// First and last period under the plot; a single period sits in the middle.
function appendEndLabels(svg: SVGSVGElement, labels: readonly string[], left: number, right: number, y: number): void {
  if (labels.length === 0) return;
  if (labels.length === 1) {
    svg.append(svgEl('text', { x: round((left + right) / 2), y, class: 'axis', 'text-anchor': 'middle' }, labels[0]));
    return;
  }
  svg.append(svgEl('text', { x: left, y, class: 'axis' }, labels[0]), svgEl('text', { x: right, y, class: 'axis', 'text-anchor': 'end' }, labels[labels.length - 1]));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
}
