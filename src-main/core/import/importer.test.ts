import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { ENGINES, engineCore } from '../testing-engines'
import { apiDocExample, tokenFor } from '../testing'

const admin = tokenFor('admin-1')
const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')

/** The contract's day is 2025-12-28: renewals below fall in Emergency, Signature and Monitor. */
const ACCOUNTS = [
  '\uFEFFAccount ID,Account Name,Website,ARR,Renewal Date,Account Owner,Health Score,Region',
  'A-1,"Zenith, Inc.",https://www.zenith.io/home,"$1,200,000.00",12/31/2025,sarah@company.com,71,EMEA',
  'A-2,Quasar Labs,quasar.dev,250000,2026-01-20,Marcus Chen,,NA',
  'A-3,Orbit Co,,90000,2026-09-30,SARAH@company.com,55,APAC',
].join('\r\n')

describe.each(ENGINES)('importing a book of business (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())

  const start = async () => {
    core = await engineCore(engine)
  }
  const call = async (method: string, path: string, token: string, body?: string) => {
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${path}`, { method, headers: { authorization: `Bearer ${token}` }, body }),
    )
    return { status: response.status, body: (await response.json()) as any }
  }
  const importFile = (file: string, query = '', token = admin) => call('POST', `/admin/import?${query}`, token, file)
  const queueOf = async (token: string, csm: string) => (await call('GET', `/workflows/queue/${csm}`, token)).body
  const findIn = (queue: any, name: string) => queue.workflows.find((w: any) => w.customer.name === name)

  it('imports accounts from a CRM export, plans their workflows for the owners, and a re-import changes nothing', async () => {
    await start()
    const before = (await queueOf(sarah, 'csm-456')).stats.totalWorkflows
    const first = await importFile(ACCOUNTS)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      success: true,
      dryRun: false,
      kind: 'accounts',
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      ignoredColumns: ['Region'],
      errors: [],
      errorCount: 0,
      workflows: { created: 3, updated: 0, closed: 0 },
    })
    expect(first.body.preview[0]).toMatchObject({ line: 2, externalId: 'A-1', domain: 'zenith.io', arr: 1_200_000 })
    const queue = await queueOf(sarah, 'csm-456')
    expect(queue.stats.totalWorkflows).toBe(before + 2)
    const zenith = findIn(queue, 'Zenith, Inc.')
    expect(zenith.workflow).toMatchObject({ type: 'emergency-renewal', stage: 'Emergency', status: 'pending' })
    expect(zenith.intelligence.healthScore).toBe(71)
    expect(findIn(await queueOf(marcus, 'csm-101'), 'Quasar Labs').workflow.type).toBe('signature-renewal')

    const again = await importFile(ACCOUNTS)
    expect(again.body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      workflows: { created: 0, updated: 0, closed: 0 },
    })

    const changed = await importFile(ACCOUNTS.replace('"$1,200,000.00"', '1300000'))
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 })
    expect(findIn(await queueOf(sarah, 'csm-456'), 'Zenith, Inc.').customer.arr).toBe(1_300_000)
  })

  it('writes nothing from a file with errors, names each by line, column and value, and skips them when asked', async () => {
    await start()
    const file = [
      'external_id,name,arr,renewal_date,owner',
      'B-1,Good One,100000,2026-02-01,sarah@company.com',
      'B-2,Bad Money,-5,2026-02-01,sarah@company.com',
      'B-3,Bad Date,100000,02/30/2026,sarah@company.com',
      'B-4,"Who,\nowns this",100000,2026-02-01,nobody@company.com',
      'B-1,Again,100000,2026-02-01,sarah@company.com',
      '',
      '',
    ].join('\n')
    const refused = await importFile(file)
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('VALIDATION_ERROR')
    expect(refused.body.error.details).toMatchObject({ success: false, rows: 5, created: 1, skipped: 4, errorCount: 4 })
    expect(refused.body.error.details.errors).toEqual([
      { line: 3, column: 'arr', value: '-5', message: 'must not be negative' },
      { line: 4, column: 'renewal_date', value: '02/30/2026', message: expect.stringContaining('not a real date') },
      { line: 5, column: 'owner', value: 'nobody@company.com', message: expect.stringContaining('not a user') },
      { line: 7, column: 'external_id', value: 'B-1', message: 'repeats the account of line 2' },
    ])
    expect(findIn(await queueOf(sarah, 'csm-456'), 'Good One')).toBeUndefined()

    // The preview (a dry run, not yet skipping) plans on the rows that would be written.
    const preview = await importFile(file, 'dryRun=true')
    expect(preview.body.error.details).toMatchObject({ success: false, dryRun: true, workflows: { created: 1 } })
    expect(findIn(await queueOf(sarah, 'csm-456'), 'Good One')).toBeUndefined()

    const dry = await importFile(file, 'dryRun=true&skipInvalid=true')
    expect(dry.body).toMatchObject({ success: true, dryRun: true, created: 1, skipped: 4, workflows: { created: 1 } })
    expect(findIn(await queueOf(sarah, 'csm-456'), 'Good One')).toBeUndefined()

    const skipped = await importFile(file, 'skipInvalid=true')
    expect(skipped.status).toBe(200)
    expect(skipped.body).toMatchObject({ success: true, created: 1, skipped: 4, errorCount: 4 })
    expect(findIn(await queueOf(sarah, 'csm-456'), 'Good One').workflow.status).toBe('pending')
  })

  it('makes a NUL character a row error, in a CSV cell or anywhere in a book line', async () => {
    await start()
    const csv = await importFile(
      [ACCOUNTS, 'A-4,Nul\u0000 Corp,nul.io,1000,2026-09-30,sarah@company.com,50,NA'].join('\r\n'),
    )
    expect(csv.status).toBe(400)
    expect(csv.body.error.details.errors).toEqual([
      { line: 5, column: 'Account Name', value: null, message: 'contains a NUL character (U+0000)' },
    ])
    const line = JSON.stringify({
      externalId: 'B-1',
      name: 'Book Co',
      domain: 'book.io',
      arr: 1000,
      renewalDate: '2026-09-30',
      owner: 'sarah@company.com',
      data: { notes: ['fine', 'not\u0000fine'] },
    })
    const book = await importFile(line, 'kind=book')
    expect(book.body.error.details.errors).toEqual([
      { line: 1, column: 'data.notes.1', value: null, message: 'contains a NUL character (U+0000)' },
    ])
    expect((await queueOf(sarah, 'csm-456')).workflows.some((w: any) => w.customer.name === 'Book Co')).toBe(false)
  })

  it('answers as docs/api.md shows', async () => {
    await start()
    const example = apiDocExample('import-result')
    const file = [
      'Account ID,Account Name,Website,ARR,Renewal Date,Account Owner,Region',
      'A-1,"Zenith, Inc.",https://www.zenith.io,"$1,200,000.00",12/31/2025,sarah@company.com,EMEA',
      'A-2,Quasar Labs,quasar.dev,250000,2026-01-20,Marcus Chen,NA',
      'A-3,Broken,broken.com,-5,2026-01-20,sarah@company.com,NA',
    ].join('\n')
    const { status, body } = await importFile(file, 'skipInvalid=true')
    expect(status).toBe(200)
    expect(body).toEqual({ ...example, preview: [example.preview[0], expect.objectContaining({ externalId: 'A-2' })] })
  })

  it('refuses a CSM, a file without a required column, and a wrong option', async () => {
    await start()
    expect((await importFile(ACCOUNTS, '', sarah)).status).toBe(403)
    const missing = await importFile('Account ID,Account Name,ARR\nA-1,Zenith,10\n')
    expect(missing.status).toBe(400)
    expect(missing.body.error.details.errors.map((e: any) => [e.line, e.column])).toEqual([
      [1, 'renewal_date'],
      [1, 'owner'],
    ])
    expect(missing.body.error.details.rows).toBe(1)
    await core.db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-303'))!, active: 0 }))
    const barred = await importFile(
      'external_id,name,arr,renewal_date,owner\nO-1,Gone,1,2026-02-01,tom@company.com\nO-2,Boss,1,2026-02-01,Alex Morgan\n',
    )
    expect(barred.body.error.details.errors.map((e: any) => e.message)).toEqual([
      'names Tom Becker, who is deactivated; give an active CSM',
      'names Alex Morgan, an admin; accounts are owned by CSMs',
    ])
    const empty = await importFile('\n\n')
    expect(empty.body.error.details.errors).toEqual([
      { line: 1, column: '(file)', value: null, message: 'The file is empty: it needs a header row' },
    ])
    const wrong = await importFile(ACCOUNTS, 'kind=xlsx&dateFormat=ISO')
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.details.fields).toEqual({
      kind: 'must be one of accounts, contacts, book',
      dateFormat: 'must be one of MDY, DMY, YMD',
    })
  })

  it('moves open work to a new owner with its steps, supersedes it on renewal and cancels it on churn', async () => {
    await start()
    await importFile(ACCOUNTS)
    const zenith = findIn(await queueOf(sarah, 'csm-456'), 'Zenith, Inc.')
    expect((await call('POST', `/workflows/${zenith.id}/start`, sarah, '{"csmId":"csm-456"}')).status).toBe(200)
    const moved = await importFile(ACCOUNTS.replace('sarah@company.com,71', 'marcus@company.com,71'))
    expect(moved.body).toMatchObject({ updated: 1, workflows: { updated: 1 } })
    expect((await call('GET', `/workflows/${zenith.id}/context`, sarah)).status).toBe(403)
    const context = (await call('GET', `/workflows/${zenith.id}/context`, marcus)).body
    expect(context.workflow).toMatchObject({ status: 'in_progress', assignee: { id: 'csm-101' } })

    const renewedFile = ACCOUNTS.replace('sarah@company.com,71', 'marcus@company.com,71').replace(
      '12/31/2025',
      '12/31/2026',
    )
    const renewed = await importFile(renewedFile)
    expect(renewed.body.workflows).toEqual({ created: 1, updated: 0, closed: 1 })
    const old = (await call('GET', `/workflows/${zenith.id}/context`, marcus)).body
    expect(old.workflow).toMatchObject({ status: 'superseded', closedAt: expect.any(String) })
    const refused = await call('POST', `/workflows/${zenith.id}/start`, marcus, '{"csmId":"csm-101"}')
    expect(refused.body.error.code).toBe('WORKFLOW_CLOSED')
    expect(findIn(await queueOf(marcus, 'csm-101'), 'Zenith, Inc.').workflow.type).toBe('monitor-renewal')

    const churn = renewedFile
      .replace('Region', 'Status')
      .replace(',EMEA', ',active')
      .replace(',NA', ',churned')
      .replace(',APAC', ',')
    const churned = await importFile(churn)
    expect(churned.body.workflows.closed).toBe(1)
    expect(findIn(await queueOf(marcus, 'csm-101'), 'Quasar Labs')).toBeUndefined()
  })

  it("replaces an account's contacts with those of a contacts file, and names accounts it does not know", async () => {
    await start()
    await importFile(ACCOUNTS)
    const contacts = [
      'Account ID,Name,Email,Title,is_primary',
      'A-1,Ada Park,ada@zenith.io,CTO,yes',
      'A-1,Bo Lee,,,',
      'Z-9,Nobody,,,',
    ].join('\n')
    const result = await importFile(contacts, 'kind=contacts&skipInvalid=true')
    expect(result.body).toMatchObject({ rows: 3, created: 1, skipped: 1 })
    expect(result.body.errors).toEqual([{ line: 4, column: 'Account ID', value: 'Z-9', message: expect.any(String) }])
    const zenith = findIn(await queueOf(sarah, 'csm-456'), 'Zenith, Inc.')
    const context = (await call('GET', `/workflows/${zenith.id}/context`, sarah)).body
    expect(context.data.salesforce.contacts).toEqual([
      { name: 'Ada Park', role: 'CTO', email: 'ada@zenith.io', isPrimary: true },
      { name: 'Bo Lee', isPrimary: false },
    ])
    expect((await importFile(contacts.split('\n').slice(0, 2).join('\n'), 'kind=contacts')).body).toMatchObject({
      updated: 1,
    })
  })

  it('imports a book of NDJSON lines with their intelligence and data, naming errors by JSON path', async () => {
    await start()
    const line = {
      externalId: 'N-1',
      name: 'Nova',
      arr: 400000,
      renewalDate: '2026-04-01',
      owner: 'sarah@company.com',
      intelligence: { healthScore: 80, riskScore: 20, insights: [{ type: 'risk', severity: 'low', message: 'Quiet' }] },
      data: { usage: { activeUsers: 40, licensedUsers: 50 } },
      extra: true,
    }
    const bad = { ...line, externalId: 'N-2', arr: 'lots', intelligence: { healthScore: 180 } }
    const file = `${JSON.stringify(line)}\n${JSON.stringify(bad)}\nnot json\n`
    const refused = await importFile(file, 'kind=book')
    expect(refused.body.error.details.errors).toEqual([
      { line: 2, column: 'arr', value: 'lots', message: expect.any(String) },
      { line: 2, column: 'intelligence.healthScore', value: '180', message: 'must be from 0 to 100' },
      { line: 3, column: '(line)', value: 'not json', message: 'is not valid JSON' },
    ])
    const imported = await importFile(file, 'kind=book&skipInvalid=true')
    expect(imported.body).toMatchObject({ created: 1, skipped: 2, ignoredColumns: ['extra'] })
    const nova = findIn(await queueOf(sarah, 'csm-456'), 'Nova')
    const context = (await call('GET', `/workflows/${nova.id}/context`, sarah)).body
    expect(context.intelligence).toMatchObject({ healthScore: 80, insights: [{ message: 'Quiet' }] })
    expect(context.data.usage).toEqual({ activeUsers: 40, licensedUsers: 50 })
  })
})
