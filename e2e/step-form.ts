import type { Page } from '@playwright/test'

/** Fills the current step's outcome form as a CSM would: the first decision, and notes. */
export async function fillStepOutcome(page: Page, notes: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Step outcome' })
  await form
    .getByRole('group', { name: /Decision/ })
    .getByRole('radio')
    .first()
    .check()
  await form.getByRole('textbox', { name: /Notes/ }).fill(notes)
}

export async function completeCurrentStep(page: Page, notes: string): Promise<void> {
  await fillStepOutcome(page, notes)
  await page
    .getByRole('form', { name: 'Step outcome' })
    .getByRole('button', { name: /Complete step/ })
    .click()
}
