import { describe, expect, it } from 'vitest'
import { MAX_OUTPUT_CHARS, MAX_TEMPLATE_CHARS, TemplateError, compileTemplate, contractSyntax } from './compile'

const render = (source: string, variables: object = {}) => compileTemplate('test.hbs', source)(variables)

function refused(source: string, problem: RegExp, line?: number): void {
  try {
    compileTemplate('test.hbs', source)
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError)
    expect((error as TemplateError).message).toMatch(/^Template test\.hbs/)
    expect((error as TemplateError).problem).toMatch(problem)
    if (line !== undefined) expect((error as TemplateError).line).toBe(line)
    return
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`)
}

describe('contract syntax', () => {
  it('reads [0] as an index, the way the contract writes it', () => {
    expect(contractSyntax('{{a.b[0].c}} [0] {{x[12]}}')).toBe('{{a.b.[0].c}} [0] {{x.[12]}}')
    const vars = { intelligence: { insights: [{ message: 'first' }], recommendations: ['call'] } }
    expect(render('{{intelligence.insights[0].message}} / {{intelligence.recommendations[0]}}', vars).output).toBe(
      'first / call',
    )
  })
})

describe('missing values', () => {
  it('are shown with their path and listed, never rendered as a blank', () => {
    const result = render('Hi {{customer.name}}, {{customer.owner.name}} and {{customer.owner.name}}', {
      customer: { owner: {} },
    })
    expect(result.output).toContain('[missing: customer.name]')
    expect(result.output).toContain('data-missing="customer.owner.name"')
    expect(result.missing).toEqual(['customer.name', 'customer.owner.name'])
  })

  it('are reported when a formatting helper is given one', () => {
    const result = render('{{currency customer.arr}}', { customer: {} })
    expect(result.output).toContain('[missing: customer.arr]')
    expect(result.missing).toEqual(['customer.arr'])
  })

  it('are not reported where a template guards for them', () => {
    const result = render('{{#if a.b}}{{a.b}}{{/if}}{{default a.c "n/a"}}{{#each a.list}}{{this}}{{/each}}', { a: {} })
    expect(result).toEqual({ output: 'n/a', missing: [] })
  })
})

describe('escaping', () => {
  it('escapes every value, so customer data cannot inject HTML', () => {
    const result = render('<p>{{name}}</p>{{default other "x"}}{{join tags}}', {
      name: '<script>alert(1)</script>',
      other: '<img src=x onerror=alert(1)>',
      tags: ['<b>'],
    })
    expect(result.output).not.toMatch(/<script|<img|<b>/)
    expect(result.output).toContain('&lt;script&gt;')
  })

  it('escapes a path that would break out of the missing marker', () => {
    const result = render('{{a.[<x>]}}', { a: {} })
    expect(result.output).not.toContain('<x>')
  })
})

describe('templates are data: what they may not do', () => {
  it.each([
    ['{{constructor}}', /constructor/],
    ['{{customer.constructor.name}}', /constructor/],
    ['{{__proto__.polluted}}', /__proto__/],
    ['{{#with customer.constructor}}{{name}}{{/with}}', /constructor/],
    ['{{currency customer.__proto__}}', /__proto__/],
    ['{{lookup customer "constructor"}}', /unknown helper "lookup"/],
    ['{{log customer}}', /unknown helper "log"/],
  ])('refuses prototype access: %s', (source, problem) => refused(source, problem))

  it('does not expose prototype properties even through data', () => {
    expect(render('{{a.toString}}', { a: {} }).missing).toEqual(['a.toString'])
  })

  it('refuses raw HTML output', () => {
    refused('{{{customer.name}}}', /raw output/)
    refused('{{& customer.name}}', /raw output/)
  })

  it('refuses partials, decorators and unknown helpers, naming the line', () => {
    refused('line 1\n{{> header}}', /partials/, 2)
    refused('\n\n{{shout customer.name}}', /unknown helper "shout"/, 3)
    refused('{{#repeat 3}}x{{/repeat}}', /unknown block helper "#repeat"/)
    refused('{{currency}}', /needs a value/)
  })

  it('reports a syntax error with its line when the template is loaded', () => {
    refused('ok\n{{#if a}}\nstill ok\n{{/each}}', /each/, 2)
    refused('{{customer.name', /syntax error|Expecting/, 1)
  })

  it('refuses runaway size, in the template and in what it renders', () => {
    refused('x'.repeat(MAX_TEMPLATE_CHARS + 1), /at most/)
    const huge = compileTemplate('huge.hbs', '{{#each rows}}{{this}}{{/each}}')
    expect(() => huge({ rows: Array.from({ length: MAX_OUTPUT_CHARS / 10 + 1 }, () => '0123456789') })).toThrow(/limit/)
  })
})

describe('helpers', () => {
  const vars = {
    arr: 500000,
    rate: 0.95,
    change: -23,
    day: '2025-12-31',
    n: 1,
    many: 45,
    today: '2025-12-28',
    tags: ['a', 'b'],
  }
  it.each([
    ['{{currency arr}}', '$500,000'],
    ['{{currency arr "EUR"}}', '€500,000'],
    ['{{number arr}}', '500,000'],
    ['{{number rate 2}}', '0.95'],
    ['{{percent rate}}', '95%'],
    ['{{abs change}}', '23'],
    ['{{date day}}', 'Dec 31, 2025'],
    ['{{date day "long"}}', 'December 31, 2025'],
    ['{{date day "iso"}}', '2025-12-31'],
    ['{{relativeDays day}}', 'in 3 days'],
    ['{{relativeDays today}}', 'today'],
    ['{{relativeDays "2025-12-20"}}', '8 days ago'],
    ['{{pluralize n "user"}}', '1 user'],
    ['{{pluralize many "user"}}', '45 users'],
    ['{{pluralize many "person" "people"}}', '45 people'],
    ['{{join tags}}', 'a, b'],
    ['{{default missing "fallback"}}', 'fallback'],
    ['{{#if (gt arr 100000)}}big{{else}}small{{/if}}', 'big'],
    ['{{#if (and (gte rate 0.9) (lt change 0))}}yes{{/if}}', 'yes'],
    ['{{#if (eq day "2025-12-31")}}eq{{/if}}{{#unless (ne n 1)}}one{{/unless}}', 'eqone'],
    ['{{#if (or (not n) (lte many 10))}}no{{else}}neither{{/if}}', 'neither'],
  ])('%s -> %s', (source, expected) => {
    expect(render(source, vars)).toEqual({ output: expected, missing: [] })
  })

  it('marks a value it cannot format instead of printing nonsense', () => {
    expect(render('{{currency name}}', { name: 'Acme' }).output).toContain('[missing: an amount, got &quot;Acme&quot;]')
  })
})

describe('dated series', () => {
  const history = [
    { date: '2026-01-01', arr: 120_000 },
    { date: '2025-10-01', arr: 107_000 },
    { date: '2025-07-01', arr: 96_000 },
  ]
  const line =
    '{{#each (chronological h)}}{{currency arr}} ({{date date "short"}}){{#unless @last}} → {{/unless}}{{/each}}, {{trend h "arr"}}'

  it('read oldest to newest, with dates, and state their trend by the helper', () => {
    expect(render(line, { h: history }).output).toBe(
      '$96,000 (7/1/25) → $107,000 (10/1/25) → $120,000 (1/1/26), up 25% in 6 months',
    )
    expect(render('{{trend h "arr"}}', { h: [history[0], { date: '2025-12-01', arr: 150_000 }] }).output).toBe(
      'down 20% in 1 month',
    )
  })

  it('are reported when a template prints one newest first, and not when it asks for them in order', () => {
    const backwards = render('{{#each h}}{{arr}} {{/each}}', { h: history })
    expect(backwards.unordered).toEqual(['h'])
    expect(render('{{#each (chronological h)}}{{arr}} {{/each}}', { h: history }).unordered).toBeUndefined()
    expect(render('{{#each h}}{{arr}} {{/each}}', { h: [...history].reverse() }).unordered).toBeUndefined()
    expect(render('{{#each tags}}{{this}}{{/each}}', { tags: ['b', 'a'] }).unordered).toBeUndefined()
  })
})
