/** How long {@link afterNextFrame} waits for a frame by default, in milliseconds. */
export const FRAME_TIMEOUT_MS = 1000;

/**
 * Resolves in a new task once the browser has rendered the next frame (`requestAnimationFrame`,
 * then a task posted through a `MessageChannel`): what the caller changed before awaiting it is
 * styled, laid out and painted in that frame's own task, not in the caller's next step (issue 21:
 * a long list rendered a few items per task, but without frames in between, the style and layout
 * of every step came due in one task). A hidden page renders no frames: there, or should no frame
 * come within `timeout` ms (an iframe out of view may get none), it resolves in a new task all the
 * same. A second, not less: on a busy machine a frame can take longer than 200 ms to come, and a
 * fallback that fires first puts two steps in one frame again.
 */
export function afterNextFrame(timeout = FRAME_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve) => {
    const newTask = () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    };
    if (document.visibilityState === 'hidden') return newTask();
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      newTask();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, timeout);
  });
}
