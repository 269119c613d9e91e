/**
 * Shared tools of the end-to-end tests: one Chromium (Debian's, through playwright-core) per test
 * file, pages that record what must never happen (page errors, console errors, CSP violations) and
 * every request they make, and screenshots written under /tmp (never in the repository).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

export const SCREENSHOT_DIR =
  process.env.PROXIMITE_SCREENSHOTS ?? join(tmpdir(), 'proximite-e2e-screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found (set CHROMIUM_PATH).');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * Starts `server` and Chromium side by side. If either fails, the other is stopped before the
 * error is thrown: a browser nobody holds would keep the test file running for ever instead of
 * failing it.
 */
export async function withBrowser<T extends { stop: () => Promise<void> }>(
  server: Promise<T>,
): Promise<[T, Browser]> {
  const [s, b] = await Promise.allSettled([server, launchBrowser()]);
  if (s.status === 'fulfilled' && b.status === 'fulfilled') return [s.value, b.value];
  if (s.status === 'fulfilled') await s.value.stop().catch(() => undefined);
  if (b.status === 'fulfilled') await b.value.close().catch(() => undefined);
  throw s.status === 'rejected' ? s.reason : (b as PromiseRejectedResult).reason;
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, as text. */
  errors: string[];
  /** Every request the page made (URL). */
  requests: string[];
  /** The `securitypolicyviolation` events recorded in the page so far. */
  violations(): Promise<CspViolation[]>;
  close(): Promise<void>;
}

/** A page in a fresh context (no storage, no cookies) that records errors, requests and CSP violations. */
export async function watchedPage(
  browser: Browser,
  { width = 1280, height = 900, locale = 'fr-FR' }: { width?: number; height?: number; locale?: string } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale,
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  // Before any script of the page runs: collect every violation into the page itself.
  await context.addInitScript(() => {
    const list: unknown[] = [];
    Object.defineProperty(window, '__proxCsp', { value: list });
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  return {
    context,
    page,
    errors,
    requests,
    violations: () => page.evaluate(() => (window as unknown as { __proxCsp: CspViolation[] }).__proxCsp),
    close: () => context.close(),
  };
}

/** Waits until each widget on the page shows its data (no loading state, no error state). */
export async function widgetsReady(page: Page, tags: readonly string[], timeout = 20_000): Promise<void> {
  for (const tag of tags) {
    await page
      .waitForFunction(
        (name) => {
          const root = document.querySelector(name)?.shadowRoot;
          if (!root) return false;
          const busy = root.querySelector('[aria-busy="true"], .state--loading, .loading');
          const content: Record<string, string> = {
            'prox-cafe-calendar': '.event, .state.empty',
            'prox-concern-form': 'form, .panel',
            'prox-rights-explainer': '.topic',
            'prox-activity-stats': 'figure, table, .figures',
          };
          return !busy && root.querySelector(content[name] ?? '*') !== null;
        },
        tag,
        { timeout },
      )
      .catch(async (error: unknown) => {
        const shown = await page.evaluate(
          (name) => document.querySelector(name)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 300),
          tag,
        );
        throw new Error(`${tag} is not ready: «${shown ?? 'no shadow root'}»`, { cause: error });
      });
  }
}

/** The text of an element's error state, if the widget shows one. */
export async function widgetError(page: Page, tag: string): Promise<string | null> {
  return page.evaluate((name) => {
    const root = document.querySelector(name)?.shadowRoot;
    const el = root?.querySelector('[role="alert"].state, .state--error, .error-state');
    return el ? (el.textContent ?? '').trim() : null;
  }, tag);
}

/** The id of the element focused inside a widget's shadow root (or null). */
export async function focusedIdIn(page: Page, tag: string): Promise<string | null> {
  return page.evaluate((name) => {
    const host = document.querySelector(name);
    if (document.activeElement !== host) return null;
    return host?.shadowRoot?.activeElement?.id ?? null;
  }, tag);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing sticks out). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Content cut off inside the page, shadow roots included (WCAG 1.4.10 Reflow): each element whose
 * content is wider than its box, unless the box is a scrolling region a keyboard can reach
 * (a wide data table may scroll on its own) or content hidden on purpose (visually hidden text, a
 * bot trap, a label shown at other widths). Described as `tag > element.class: text`.
 */
export function clippedContent(page: Page): Promise<string[]> {
  // A string, not a function: tsx names inner functions with a helper the page does not have.
  return page.evaluate(`(() => {
    const found = [];
    const visit = (root, host) => {
      for (const e of root.querySelectorAll('*')) {
        if (e.shadowRoot) visit(e.shadowRoot, e.localName);
        if (e.scrollWidth <= e.clientWidth + 1 || e.clientWidth === 0) continue;
        const box = e.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        if (/auto|scroll/.test(getComputedStyle(e).overflowX) && e.tabIndex >= 0) continue;
        found.push(host + ' > ' + e.localName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40));
      }
    };
    visit(document, 'document');
    return found;
  })()`);
}

/** Clicks and returns the download it starts, read as UTF-8 text. */
export async function downloadText(page: Page, trigger: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
