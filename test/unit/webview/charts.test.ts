import * as assert from 'node:assert/strict';
import { histogram, histogramBins, leadingTerms, median, meterBar, niceCeil, sparkline, stackedTopics, trendLine } from '../../../webview/insights/charts';
import type { PeriodTopics } from '../../../webview/insights/charts';
import { asNode, useSvgDocument } from './svgDocument';
import type { SvgNode } from './svgDocument';

/** The words a screen reader announces for a chart; the tooltip (`<title>`) must say the same. */
function spoken(chart: SvgNode): string {
  const label = chart.getAttribute('aria-label') ?? '';
  assert.equal(chart.getAttribute('role'), 'img');
  assert.equal(chart.title, label);
  return label;
}

const texts = (chart: SvgNode) => chart.all('text').map((t) => t.textContent);

describe('Insights charts', () => {
  useSvgDocument();

  describe('sentiment sparkline', () => {
    it('announces how many points, the range and the latest value', () => {
      const chart = asNode(sparkline([-0.5, 0.8, 0.2]));
      assert.equal(spoken(chart), 'Sentiment over the answer: 3 points from -0.50 to +0.80, now +0.20');
    });

    it('draws positive values above the zero line and ends on a dot coloured by the last value', () => {
      const chart = asNode(sparkline([-0.5, 0.8, 0.2]));
      const zero = chart.all('line')[0].num('y1');
      const points = (chart.all('polyline')[0].getAttribute('points') ?? '').split(' ').map((p) => p.split(',').map(Number));
      assert.equal(points.length, 3);
      assert.ok(points[0][1] > zero, 'a negative value sits below the zero line');
      assert.ok(points[1][1] < points[2][1] && points[2][1] < zero, 'a larger positive value sits higher');
      const [dot] = chart.all('circle');
      assert.ok(dot.hasClass('positive'));
      assert.equal(dot.num('cy'), points[2][1]);
      assert.ok(dot.num('cx') <= 300 - 2.5, 'the last dot stays inside the chart');
    });

    it('keeps the scale at [-1, 1] and treats a value that is not a number as neutral', () => {
      const chart = asNode(sparkline([2, Number.NaN, -3]));
      assert.equal(spoken(chart), 'Sentiment over the answer: 3 points from -1.00 to +1.00, now -1.00');
      const ys = (chart.all('polyline')[0].getAttribute('points') ?? '').split(' ').map((p) => Number(p.split(',')[1]));
      assert.equal(ys[1], chart.all('line')[0].num('y1'));
      assert.ok(ys.every((y) => y >= 0 && y <= 44));
      assert.ok(chart.all('circle')[0].hasClass('negative'));
    });

    it('says there are no points yet and draws only the zero line for an empty answer', () => {
      const chart = asNode(sparkline([]));
      assert.equal(spoken(chart), 'Sentiment over the answer: no points yet');
      assert.deepEqual([chart.all('line').length, chart.all('polyline').length, chart.all('circle').length], [1, 0, 0]);
    });

    it('draws a single reading as a dot without a line', () => {
      const chart = asNode(sparkline([0.5]));
      assert.deepEqual([chart.all('polyline').length, chart.all('circle').length], [0, 1]);
      assert.equal(spoken(chart), 'Sentiment over the answer: 1 points from +0.50 to +0.50, now +0.50');
    });
  });

  describe('meter bar', () => {
    const fill = (bar: SvgNode) => bar.all('rect').find((r) => r.hasClass('fill'));

    it('fills the share of its value and says its label', () => {
      const bar = asNode(meterBar(0.42, 'react: weight 0.42, 3×'));
      assert.equal(barLabel(bar), 'react: weight 0.42, 3×');
      assert.equal(fill(bar)?.num('width'), 42);
    });

    it('clamps to empty and full, and draws a value that is not a number as empty', () => {
      assert.equal(fill(asNode(meterBar(1.7, 'x')))?.num('width'), 100);
      assert.equal(fill(asNode(meterBar(-0.2, 'x')))?.num('width'), 0);
      assert.equal(fill(asNode(meterBar(Number.NaN, 'x')))?.getAttribute('width'), '0');
    });

    function barLabel(bar: SvgNode): string {
      assert.equal(bar.title, bar.getAttribute('aria-label'));
      return bar.getAttribute('aria-label') ?? '';
    }
  });

  describe('sentiment trend', () => {
    const points = [
      { period: '2026-03', value: 0.2 },
      { period: '2026-04', value: -0.4 },
      { period: '2026-05', value: 0.1 },
    ];

    it('announces every period with its signed value', () => {
      assert.equal(spoken(asNode(trendLine(points))), 'Sentiment by period: 2026-03 +0.20, 2026-04 -0.40, 2026-05 +0.10');
    });

    it('labels a symmetric axis rounded up to a quarter, and the first and last period', () => {
      assert.deepEqual(texts(asNode(trendLine(points))), ['+0.50', '0', '-0.50', '2026-03', '2026-05']);
      assert.deepEqual(texts(asNode(trendLine([{ period: 'W1', value: 0.05 }]))).slice(0, 3), ['+0.25', '0', '-0.25']);
    });

    it('gives each dot a tooltip and a colour by sign, above or below the zero line', () => {
      const chart = asNode(trendLine(points));
      const zero = chart.all('line')[0].num('y1');
      const dots = chart.all('circle');
      assert.deepEqual(
        dots.map((d) => d.title),
        ['2026-03: +0.20', '2026-04: -0.40', '2026-05: +0.10'],
      );
      assert.deepEqual(
        dots.map((d) => d.hasClass('positive')),
        [true, false, true],
      );
      assert.deepEqual(
        dots.map((d) => d.num('cy') < zero),
        [true, false, true],
      );
    });

    it('centres a single period under its dot', () => {
      const chart = asNode(trendLine([{ period: '2026-05', value: -0.3 }]));
      const [dot] = chart.all('circle');
      const label = chart.all('text').at(-1);
      assert.equal(label?.textContent, '2026-05');
      assert.equal(label?.getAttribute('text-anchor'), 'middle');
      assert.equal(label?.num('x'), dot.num('cx'));
      assert.equal(chart.all('polyline').length, 0);
    });
  });

  describe('duration histogram', () => {
    const times = [100, 200, 300, 400, 1200, 5000];

    it('announces the count, the median and every bin in readable durations', () => {
      assert.equal(spoken(asNode(histogram(times, 'Response time'))), 'Response time: 6 answers, median 300 ms; 0 ms–2.0 s: 5, 2.0 s–4.0 s: 0, 4.0 s–6.0 s: 1');
    });

    it('draws bars on one baseline, the fullest bin at full height, with the range on the axis', () => {
      const chart = asNode(histogram(times, 'Response time'));
      const bars = chart.all('rect');
      assert.deepEqual(
        bars.map((b) => b.title),
        ['0 ms–2.0 s: 5 answers', '2.0 s–4.0 s: 0 answers', '4.0 s–6.0 s: 1 answers'],
      );
      const baseline = chart.all('line')[0].num('y1');
      for (const bar of bars) assert.equal(bar.num('y') + bar.num('height'), baseline);
      const heights = bars.map((b) => b.num('height'));
      assert.equal(heights[0], baseline - 6);
      assert.equal(heights[1], 0);
      assert.equal(heights[2], Math.round((heights[0] / 5) * 10) / 10);
      assert.deepEqual(texts(chart), ['0', '6.0 s']);
    });

    it('has no bars and no axis for no answers', () => {
      const chart = asNode(histogram([], 'Time to first token'));
      assert.equal(spoken(chart), 'Time to first token: 0 answers, median 0 ms; ');
      assert.deepEqual([chart.all('rect').length, chart.all('text').length], [0, 0]);
    });
  });

  describe('topics by period', () => {
    const periods: PeriodTopics[] = [
      {
        period: 'W1',
        topics: [
          { term: 'css', count: 1 },
          { term: 'react', count: 3 },
        ],
      },
      {
        period: 'W2',
        topics: [
          { term: 'react', count: 1 },
          { term: 'sql', count: 2 },
          { term: 'go', count: 1 },
        ],
      },
      { period: 'W3', topics: [] },
    ];

    it('gives colours to the most frequent terms overall, ties in alphabetical order', () => {
      assert.deepEqual(leadingTerms(periods), ['react', 'sql', 'css', 'go']);
      assert.deepEqual(leadingTerms(periods, 2), ['react', 'sql']);
      assert.deepEqual(leadingTerms([]), []);
    });

    it('announces each period with its topics, and says "none" for an empty one', () => {
      const chart = asNode(stackedTopics(periods, ['react', 'sql']));
      assert.equal(spoken(chart), 'Topics by period: W1: css 1, react 3; W2: react 1, sql 2, go 1; W3: none');
      assert.deepEqual(
        chart.all('g').map((g) => g.title),
        ['W1: css 1, react 3', 'W2: react 1, sql 2, go 1', 'W3: no topics'],
      );
      assert.deepEqual(texts(chart), ['W1', 'W3']);
    });

    it('stacks the coloured terms from the bottom in legend order and the rest as "other" on top', () => {
      const chart = asNode(stackedTopics(periods, ['react', 'sql']));
      const [w1, w2, w3] = chart.all('g').map((g) => g.all('rect'));
      assert.deepEqual(
        w1.map((r) => r.getAttribute('class')),
        ['segment series-0', 'segment series-other'],
      );
      assert.deepEqual(
        w2.map((r) => r.getAttribute('class')),
        ['segment series-0', 'segment series-1', 'segment series-other'],
      );
      assert.equal(w3.length, 0);
      const baseline = chart.all('line')[0].num('y1');
      for (const column of [w1, w2]) {
        assert.equal(column[0].num('y') + column[0].num('height'), baseline);
        for (let i = 1; i < column.length; i++) assert.ok(Math.abs(column[i].num('y') + column[i].num('height') - column[i - 1].num('y')) < 0.11);
      }
      // Both columns hold 4 topics, so both reach the full plot height; react is 3 of W1's 4.
      assert.equal(w1[0].num('height'), 58.5);
      assert.equal(w2[0].num('height'), 19.5);
    });
  });

  describe('chart arithmetic', () => {
    it('rounds a bin width up to 1, 2, 2.5 or 5 times a power of ten', () => {
      assert.deepEqual([0.07, 1, 1.2, 2.1, 3, 7, 12, 999, 1001].map(niceCeil), [0.1, 1, 2, 2.5, 5, 10, 20, 1000, 2000]);
    });

    it('bins durations from zero in round widths, ignoring negative and non-finite values', () => {
      assert.deepEqual(histogramBins([]), []);
      assert.deepEqual(histogramBins([0]), [{ from: 0, to: 1, count: 1 }]);
      assert.deepEqual(histogramBins([100, 200, 300, 400, 1200, 5000, Number.NaN, -1, Number.POSITIVE_INFINITY]), [
        { from: 0, to: 2000, count: 5 },
        { from: 2000, to: 4000, count: 0 },
        { from: 4000, to: 6000, count: 1 },
      ]);
    });

    it('caps the number of bins and counts every value once, however large', () => {
      const many = Array.from({ length: 1000 }, (_, i) => i);
      const bins = histogramBins(many);
      assert.equal(bins.length, 10);
      assert.ok(bins.every((b) => b.count === 100 && b.to - b.from === 100));
      const huge = histogramBins([1e12, 3]);
      assert.equal(
        huge.reduce((n, b) => n + b.count, 0),
        2,
      );
      assert.ok(huge.at(-1)!.to > 1e12);
    });

    it('takes the lower median, a value that was observed', () => {
      assert.equal(median([]), 0);
      assert.equal(median([4, 1, 3]), 3);
      assert.equal(median([1, 2, 3, 4]), 2);
    });
  });
});
