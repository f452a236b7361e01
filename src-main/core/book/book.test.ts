import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { ENGINES, engineCore } from '../testing-engines'
import { callApi, demoUser, tokenFor } from '../testing'
import { bookPageText } from './book'
import { bookContext, type BookPage } from './types'

const sarah = demoUser('csm-456')

const bookPage = async (...args: Parameters<typeof bookPageText>): Promise<BookPage> =>
  JSON.parse(await bookPageText(...args))

describe.each(ENGINES)('a CSM’s book (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())

  it('holds every active workflow of the CSM, snoozed ones too, each as reading it alone answers', async () => {
    core = await engineCore(engine)
    const queue = await core.workflows.queue(sarah, 'csm-456')
    const asleep = queue.workflows[1]!.id
    await core.workflows.snooze(sarah, asleep, { until: '2026-01-20', reason: 'On leave' })
    const active = (await core.db.read((tx) => tx.activeWorkflowIds('csm-456'))).sort()
    expect(active).toContain(asleep)

    const { status, body } = await callApi(core, 'GET', '/workflows/book', tokenFor('csm-456'))
    expect(status).toBe(200)
    expect(body.next).toBeNull()
    expect(body.contexts.map((c: { workflow: { id: string } }) => c.workflow.id)).toEqual(active)
    const alone = []
    for (const id of active) alone.push(await core.workflows.context(sarah, id))
    expect(body.contexts).toEqual(JSON.parse(JSON.stringify(alone.map(bookContext))))
    expect(body.contexts.find((c: { workflow: { id: string } }) => c.workflow.id === asleep).workflow.snoozed).toBe(
      true,
    )
    // Another CSM's book is theirs alone; completed workflows are in no book.
    const marcus = await callApi(core, 'GET', '/workflows/book', tokenFor('csm-101'))
    const theirs = marcus.body.contexts.map((c: { workflow: { assignee: { id: string }; status: string } }) => [
      c.workflow.assignee.id,
      c.workflow.status,
    ])
    expect(theirs.length).toBeGreaterThan(0)
    for (const [assignee, state] of theirs) {
      expect(assignee).toBe('csm-101')
      expect(state).not.toBe('completed')
    }
  })

  it('comes in pages that join up to the whole book', async () => {
    core = await engineCore(engine)
    const whole = await bookPage(core.workflows, sarah, null)
    expect(whole.contexts.length).toBeGreaterThan(3)
    const pages = []
    for (let after: string | null = null; ;) {
      const page = await bookPage(core.workflows, sarah, after, 2)
      pages.push(...page.contexts)
      expect(page.contexts.length).toBeLessThanOrEqual(2)
      if (!page.next) break
      after = page.next
    }
    expect(pages).toEqual(whole.contexts)
    const last = whole.contexts[whole.contexts.length - 2]!.workflow.id
    const rest = await callApi(core, 'GET', `/workflows/book?after=${encodeURIComponent(last)}`, tokenFor('csm-456'))
    expect(rest.body.contexts).toEqual(whole.contexts.slice(-1))
  })

  it('pages in the order a desk sorts ids, whatever order the database keeps', async () => {
    core = await engineCore(engine)
    const [first] = await core.db.read((tx) => tx.activeWorkflowIds('csm-456'))
    // UTF-16 puts the emoji before U+FF01; byte order (and PostgreSQL's "C" collation) after it.
    const odd = ['wf-\u{1F600}', 'wf-\uFF01']
    await core.db.write(async (tx) => {
      const row = (await tx.workflow(first!))!
      for (const id of odd) await tx.insertWorkflow({ ...row, id })
    })
    const ids: string[] = []
    for (let after: string | null = null; ;) {
      const page = await bookPage(core.workflows, sarah, after, 1)
      ids.push(...page.contexts.map((c) => c.workflow.id))
      if (!page.next) break
      after = page.next
    }
    expect(ids).toEqual((await core.db.read((tx) => tx.activeWorkflowIds('csm-456'))).sort())
    expect(ids.slice(-2)).toEqual(odd)
  })

  it('refuses an unknown question, and a caller without a token', async () => {
    core = await engineCore(engine)
    const odd = await callApi(core, 'GET', '/workflows/book?page=2', tokenFor('csm-456'))
    expect(odd.status).toBe(400)
    expect(odd.body.error.code).toBe('VALIDATION_ERROR')
    const anonymous = await core.api.fetch(new Request('http://desk.local/api/workflows/book'))
    expect(anonymous.status).toBe(401)
  })
})
