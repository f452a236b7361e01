import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** Violations of WCAG 2.1 AA and axe's best practices, with the elements that break each rule. */
export async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.failureSummary).join(' | ')}`)
}
