import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEMPLATES_DIR, callApi, tempDbPath, testCore, tokenFor } from '../core/testing'
import { checkTemplates } from './templates-check'

describe('templates:check', () => {
  it('passes for the shipped templates over every demo workflow and a sparse imported book', async () => {
    const { problems, renders } = await checkTemplates(TEMPLATES_DIR)
    expect(problems).toEqual([])
    expect(renders).toBeGreaterThan(2000)
  })

  it('names template, workflow and path for a missing value', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'csmdesk-check-')), 'templates')
    cpSync(TEMPLATES_DIR, dir, { recursive: true })
    writeFileSync(join(dir, 'monitor-renewal/log-touchpoint.hbs'), '{{data.salesforce.contacts[5].name}}')
    const { problems } = await checkTemplates(dir)
    expect(problems).toContain(
      'monitor-renewal/log-touchpoint.hbs, workflow wf-12345 (Acme Corporation): missing data.salesforce.contacts[5].name',
    )
  })

  it('fails a template that reads well on the demo book but shows a marker on an account imported with its accounts row alone', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'csmdesk-check-')), 'templates')
    cpSync(TEMPLATES_DIR, dir, { recursive: true })
    writeFileSync(join(dir, 'monitor-renewal/log-touchpoint.hbs'), 'Usage is {{data.usage.trend}}.')
    const { problems } = await checkTemplates(dir)
    expect(problems.filter((p) => p.includes('wf-12345'))).toEqual([])
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^monitor-renewal\/log-touchpoint.hbs, workflow wf-.+ \(Sparse Account 1\): missing data.usage.trend$/,
      ),
    )
  })

  it('fails a template that prints a dated series newest first, where it reads as time running backwards', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'csmdesk-check-')), 'templates')
    cpSync(TEMPLATES_DIR, dir, { recursive: true })
    writeFileSync(
      join(dir, 'monitor-renewal/log-touchpoint.hbs'),
      '{{#if data.financials.arrHistory}}{{#each data.financials.arrHistory}}{{currency arr}} {{/each}}{{/if}}',
    )
    const { problems } = await checkTemplates(dir)
    expect(problems).toContain(
      'monitor-renewal/log-touchpoint.hbs, workflow wf-12345: prints the dated series data.financials.arrHistory newest first; use (chronological data.financials.arrHistory)',
    )
  })

  it('checks the playbook versions published in a database it is given, over that database’s workflows', async () => {
    const dbPath = tempDbPath()
    const core = await testCore({ dbPath })
    const admin = tokenFor('admin-1')
    const { published } = (await callApi(core, 'GET', '/admin/playbooks/monitor-renewal', admin)).body as {
      published: { steps: { template: string }[] }
    }
    // A version that never went through the check (written by an older app, or restored from a backup).
    await core.db.write((tx) =>
      tx.insertPlaybookVersion({
        playbook_id: 'monitor-renewal',
        version: 2,
        body_json: JSON.stringify({
          ...published,
          steps: published.steps.map((s, i) => (i ? s : { ...s, template: '{{customer.nickname}}' })),
        }),
        published_at: 't',
        published_by: 'alex@company.com',
        note: '',
      }),
    )
    await core.db.write((tx) => tx.setPublished('monitor-renewal', 2, 't', 'alex@company.com'))
    await core.close()
    const { problems } = await checkTemplates(TEMPLATES_DIR, dbPath)
    expect(problems).toContainEqual(
      expect.stringMatching(/^playbook monitor-renewal version 2, step \S+ line 1(, workflow \S+)?: customer.nickname/),
    )
  })
})
