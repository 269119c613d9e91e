/**
 * Counts the frames Chromium renders from now on, for the tests that check a widget's steps were
 * laid out in frames of their own: read `frame` when a step shows (a MutationObserver's callback
 * runs before the next frame), `stop()` at the end.
 */
export function frameCounter(): { readonly frame: number; stop(): void } {
  let frame = 0;
  let ticking = requestAnimationFrame(function tick() {
    frame += 1;
    ticking = requestAnimationFrame(tick);
  });
  return {
    get frame() {
      return frame;
    },
    stop: () => cancelAnimationFrame(ticking),
  };
}
