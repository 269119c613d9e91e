// What every bench page of this folder does the same way: tell the runner what went wrong, wait for
// a widget's render without polling, and report its measure (User Timing, `window.tachometerResult`
// for tachometer and packages/widgets/bench/long-tasks.mjs, the page's title for a person).

/** What went wrong, for a runner waiting on `tachometerResult` (scripts see it on `window`). */
export function reportErrors() {
  addEventListener('error', (e) => (window.benchError = String(e.message)));
  addEventListener('unhandledrejection', (e) => (window.benchError = String(e.reason)));
}

/**
 * Resolves once `test()` holds after a change under `root` (a shadow root or an element): watched
 * with a MutationObserver, not polled, since polling takes the CPU being measured. Rejects after
 * two minutes with `<who> did not render <what>`.
 */
export function until(root, test, who, what) {
  if (test()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${who} did not render ${what}`));
    }, 120_000);
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}

/**
 * Resolves once `root` has stayed unchanged through a frame and the task after it: a widget that
 * renders in parts (panels filled a few per task, a guide added after) has then shown them all,
 * laid out and painted. Gives up waiting after 20 s.
 */
export function settle(root) {
  return new Promise((resolve) => {
    let changed = false;
    const observer = new MutationObserver(() => (changed = true));
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    const give = Date.now() + 20_000;
    const frame = () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (changed && Date.now() < give) {
            changed = false;
            frame();
          } else {
            observer.disconnect();
            resolve();
          }
        }, 0),
      );
    frame();
  });
}

/** Marks `<name>:end` and measures from `<name>:start` (see {@link hand} for the runner). */
export function measure(name) {
  performance.mark(`${name}:end`);
  return performance.measure(name, `${name}:start`, `${name}:end`);
}

/** Hands a measure to the runner: the runner stops its trace once it has one. */
export function hand(measured, label = measured.name) {
  window.tachometerResult = measured.duration;
  document.title = `${label} ${measured.duration.toFixed(1)} ms`;
  return measured;
}

/**
 * Ends a first render: measures `<name>` up to now (its first content), waits for `done()` (the
 * rest of the first render laid out and painted), marks `<complete>` for the long-task runner,
 * which counts the first render's tasks up to that mark, and only then hands the measure over.
 */
export async function endFirstRender(name, complete, done) {
  const firstContent = measure(name);
  await done();
  performance.mark(complete);
  return hand(firstContent);
}

/** Marks `<name>:end`, measures from `<name>:start` and hands the duration to the runner. */
export function report(name, label = name) {
  return hand(measure(name), label);
}
