/**
 * The base of every event a Proximité widget dispatches: a CustomEvent with a typed detail that
 * bubbles. Events are dispatched on the host element, which lives in the page's tree, so they do
 * not need `composed` to reach page listeners (open-wc's guidance); pass it only when an event must
 * leave a shadow root the widget itself is nested in.
 */
export class ProxEvent<Detail> extends CustomEvent<Detail> {
  constructor(type: string, detail: Detail, init: { composed?: boolean; cancelable?: boolean } = {}) {
    super(type, {
      detail,
      bubbles: true,
      composed: init.composed ?? false,
      cancelable: init.cancelable ?? false,
    });
  }
}
