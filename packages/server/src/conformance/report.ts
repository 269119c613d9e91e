/** The conformance report: checks grouped by operation, and its text rendering. */
import { operations } from '@proximite/contract';
import type { Operation } from '@proximite/contract';
import { CheckFailure, CheckSkipped } from './http.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  /** What was checked, e.g. "body is a valid CafePage". */
  name: string;
  status: CheckStatus;
  /** Why it failed or was skipped; for a pass, an optional detail. */
  reason?: string;
}

export interface CheckGroup {
  /** The contract's operation id, or `general`. */
  id: string;
  /** `GET /v1/cafes`, or a title for `general`. */
  title: string;
  checks: CheckResult[];
}

export interface ConformanceReport {
  baseUrl: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
  groups: CheckGroup[];
  passed: number;
  failed: number;
  skipped: number;
  /** True when no check failed. */
  ok: boolean;
}

const GENERAL = 'general';

/** Collects check results by group, in the contract's operation order. */
export class Suite {
  readonly #groups = new Map<string, CheckGroup>();

  constructor() {
    this.#groups.set(GENERAL, { id: GENERAL, title: 'General', checks: [] });
    for (const op of operations as readonly Operation[])
      this.#groups.set(op.id, { id: op.id, title: `${op.method.toUpperCase()} ${op.path}`, checks: [] });
  }

  /**
   * Runs one check: it passes when `fn` resolves (its string is the detail), fails on a
   * {@link CheckFailure} (or any other error, reported as such), is skipped on {@link CheckSkipped}.
   */
  async check(
    group: string,
    name: string,
    fn: () => Promise<string | void> | string | void,
  ): Promise<boolean> {
    let result: CheckResult;
    try {
      const detail = await fn();
      result = {
        name,
        status: 'pass',
        ...(typeof detail === 'string' && detail !== '' && { reason: detail }),
      };
    } catch (error) {
      if (error instanceof CheckSkipped) result = { name, status: 'skip', reason: error.message };
      else if (error instanceof CheckFailure) result = { name, status: 'fail', reason: error.message };
      else result = { name, status: 'fail', reason: `unexpected error: ${(error as Error).message}` };
    }
    this.group(group).checks.push(result);
    return result.status === 'pass';
  }

  private group(id: string): CheckGroup {
    let g = this.#groups.get(id);
    if (g === undefined) {
      g = { id, title: id, checks: [] };
      this.#groups.set(id, g);
    }
    return g;
  }

  report(baseUrl: string, startedAt: Date): ConformanceReport {
    const groups = [...this.#groups.values()].filter((g) => g.checks.length > 0);
    const all = groups.flatMap((g) => g.checks);
    const count = (s: CheckStatus) => all.filter((c) => c.status === s).length;
    const failed = count('fail');
    return {
      baseUrl,
      startedAt: startedAt.toISOString(),
      groups,
      passed: count('pass'),
      failed,
      skipped: count('skip'),
      ok: failed === 0,
    };
  }
}

const MARK: Record<CheckStatus, string> = { pass: '✔', fail: '✘', skip: '–' };

/** The report as readable lines: ✔/✘ per check with its reason, by operation, then `N passed, N failed`. */
export function formatReport(report: ConformanceReport): string[] {
  const lines = [`Proximité contract conformance of ${report.baseUrl}`, ''];
  for (const group of report.groups) {
    lines.push(group.id === GENERAL ? group.title : `${group.id}  ${group.title}`);
    for (const check of group.checks) {
      const reason =
        check.reason === undefined
          ? ''
          : check.status === 'pass'
            ? ` (${check.reason})`
            : `: ${check.reason}`;
      lines.push(
        `  ${MARK[check.status]} ${check.name}${check.status === 'skip' ? ' — skipped' : ''}${reason}`,
      );
    }
    lines.push('');
  }
  if (report.skipped > 0) lines.push(`${report.skipped} skipped (not a failure).`);
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return lines;
}
