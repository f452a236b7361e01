/**
 * npm run templates:check: renders every step template against every demo workflow's context
 * and fails, naming template, workflow and path, on any error or missing value.
 */
import { fileURLToPath } from 'node:url'
import { clockFromEnv, isoDay } from '../core/clock'
import { DEMO_CSMS, seedDemo } from '../core/demo/demo'
import { Store } from '../core/store/store'
import { TemplateLibrary } from '../core/templates/library'
import { templateVariables } from '../core/templates/variables'
import { Workflows } from '../core/workflows'

export function checkTemplates(templatesDir: string): { problems: string[]; renders: number } {
  const clock = clockFromEnv()
  const library = new TemplateLibrary(templatesDir)
  const store = new Store(':memory:')
  seedDemo(store, clock)
  const workflows = new Workflows(store, clock)
  const admin = DEMO_CSMS.find((c) => c.role === 'admin')!
  const problems: string[] = []
  let renders = 0
  for (const id of store.workflowIds()) {
    const context = workflows.context({ id: admin.id, email: admin.email, role: 'admin' }, id)
    const variables = templateVariables(context, context.workflow.assignee, isoDay(clock.now()))
    for (const name of library.names()) {
      renders++
      try {
        for (const path of library.render(name, variables).missing)
          problems.push(`${name}, workflow ${id}: missing ${path}`)
      } catch (error) {
        problems.push(`${name}, workflow ${id}: ${(error as Error).message}`)
      }
    }
  }
  store.close()
  return { problems, renders }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../resources/templates', import.meta.url))
  try {
    const { problems, renders } = checkTemplates(dir)
    for (const problem of problems) console.error(problem)
    console.log(`${renders} renders checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`)
    process.exit(problems.length ? 1 : 0)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
