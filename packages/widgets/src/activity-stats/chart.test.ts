import { expect } from '@open-wc/testing';
import { BAND, PLOT_HEIGHT, layoutBars, niceScale, tickY } from './chart.js';

describe('activity-stats chart geometry', () => {
  it('rounds the scale up to a nice number', () => {
    expect(niceScale(1192)).to.deep.equal({ max: 1500, step: 500, ticks: [0, 500, 1000, 1500] });
    expect(niceScale(5435).ticks).to.deep.equal([0, 2000, 4000, 6000]);
    expect(niceScale(14).ticks).to.deep.equal([0, 5, 10, 15]);
    expect(niceScale(1000).max).to.equal(1000);
    expect(niceScale(0.3).ticks).to.deep.equal([0, 0.1, 0.2, 0.3]);
  });

  it('gives an all-zero or empty series a unit scale', () => {
    expect(niceScale(0)).to.deep.equal({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN).max).to.equal(1);
  });

  it('never has more than the asked intervals plus one', () => {
    for (const v of [1, 7, 99, 101, 4999, 5001, 123456]) {
      const s = niceScale(v);
      expect(s.max).to.be.at.least(v);
      expect(s.ticks.length - 1).to.be.at.most(5);
    }
  });

  it('lays out one bar per year, and a gap (not a zero bar) for a suppressed year', () => {
    const scale = niceScale(100);
    const bars = layoutBars([50, null, 0, 100], scale);
    expect(bars[0]).to.deep.equal({
      x: BAND * 0.2,
      y: PLOT_HEIGHT / 2,
      width: BAND * 0.6,
      height: PLOT_HEIGHT / 2,
    });
    expect(bars[1]).to.equal(null);
    expect(bars[2]!.height).to.equal(0);
    expect(bars[3]!.y).to.equal(0);
    expect(bars[3]!.x).to.equal(3 * BAND + BAND * 0.2);
  });

  it('places grid lines from the bottom', () => {
    const scale = niceScale(100);
    expect(tickY(0, scale)).to.equal(PLOT_HEIGHT);
    expect(tickY(scale.max, scale)).to.equal(0);
  });
});
