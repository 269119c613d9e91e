/**
 * Pure geometry of the bar chart: a "nice" value scale and one bar per year in a viewBox of
 * `columns × 10` by 100 units (the SVG stretches to its box; the text lives in HTML beside it).
 * A year whose value is not published gets no bar: a gap, never a zero bar.
 */

/** The height of the plot in viewBox units. */
export const PLOT_HEIGHT = 100;
/** The width of one year's band in viewBox units. */
export const BAND = 10;

export interface Scale {
  /** The top of the axis (≥ the largest value), a multiple of `step`. */
  max: number;
  step: number;
  /** 0, step, 2·step … max. */
  ticks: number[];
}

/** A scale from 0 to a round number above `maxValue`, with at most `maxTicks` intervals. */
export function niceScale(maxValue: number, maxTicks = 4): Scale {
  if (!(maxValue > 0) || !Number.isFinite(maxValue)) return { max: 1, step: 1, ticks: [0, 1] };
  const rough = maxValue / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const intervals = Math.max(1, Math.ceil(maxValue / step - 1e-9));
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1]!, step, ticks };
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One bar per value (`null` for a gap) in viewBox units. */
export function layoutBars(values: readonly (number | null)[], scale: Scale): (Bar | null)[] {
  return values.map((value, i) => {
    if (value === null) return null;
    const height = (Math.max(0, value) / scale.max) * PLOT_HEIGHT;
    return { x: i * BAND + BAND * 0.2, y: PLOT_HEIGHT - height, width: BAND * 0.6, height };
  });
}

/** The y of a tick's grid line in viewBox units. */
export function tickY(tick: number, scale: Scale): number {
  return PLOT_HEIGHT - (tick / scale.max) * PLOT_HEIGHT;
}
