import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets of WCAG 2.2 AA (A and AA, 2.0 to 2.2), what UK public services must meet. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/**
 * Runs axe-core (from node_modules, injected into the page: no network) on the page as it is
 * now, or on the part matching `include`, against WCAG 2.2 AA. Answers the violations, each
 * with the elements it found, so that `expect(await axeViolations(page)).toEqual([])` prints
 * what is wrong and where.
 */
export async function axeViolations(
  page: Page,
  options: { include?: string; exclude?: string[] } = {},
): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's
  // Content-Security-Policy (script-src 'self') refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ tags, include, exclude }) => {
      const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } })
        .axe;
      const context =
        include || exclude.length
          ? { include: include ? [include] : undefined, exclude: exclude.map((e) => [e]) }
          : document;
      const result = (await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: string[]; failureSummary: string }[];
        }[];
      };
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    { tags: WCAG_22_AA, include: options.include, exclude: options.exclude ?? [] },
  );
}
