/**
 * Resolves in a new task once the browser has rendered the next frame (`requestAnimationFrame`,
 * then a task posted through a `MessageChannel`): what the caller changed before awaiting it is
 * styled, laid out and painted in that frame's own task, not in the caller's next step (issue 21:
 * a long list rendered a few items per task, but without frames in between, the style and layout
 * of every step came due in one task). A hidden page renders no frames: there, or should no frame
 * come within `timeout` ms, it resolves in a new task all the same.
 */
export function afterNextFrame(timeout = 200): Promise<void> {
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
