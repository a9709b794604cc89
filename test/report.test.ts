/**
 * `sop-lint report`: one self-contained HTML page (no URL, no script, a CSP
 * that refuses every load), and — in a real browser, Debian's headless
 * Chromium driven by playwright-core — a chart with one session per planning
 * row, an actual bar per closed session, the band, the deltas, light and dark
 * colours, and nothing fetched. CI installs chromium (.ci/run); where it is
 * missing outside CI the browser test is skipped with a message.
 */
import {existsSync, mkdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, test} from 'vitest'
import {runCli} from './helpers/cli.js'
import {fixtureFiles} from './helpers/linked-workspace.js'
import {makeWorkspace} from './helpers/workspace.js'

const ledgerPath = 'docs/Ledgers/Token_Churn_Ledger.csv'
const chromiumPath = '/usr/bin/chromium'
const header =
  'date,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes'
const ledger = [
  header,
  '2026-02-02,s1,next_session_planning,200000,211000,11000,6,412,38,2,9,"Retry queue"',
  '2026-02-04,s2,next_session_planning,208000,203500,-4500,5,366,51,2,8,"Webhooks"',
  '2026-02-04,s2,webhook_signature,0,0,0,3,120,10,1,4,"a task row, not a session"',
  '2026-02-06,s3,next_session_planning,204000,236000,32000,7,500,80,3,11,"Over the band <script>alert(1)</script> & ""quoted"""',
  '2026-02-09,s4,next_session_planning,196000,171000,-25000,2,90,12,0,3,"Under the band"',
  '2026-02-11,s5,next_session_planning,210000,209000,-1000,4,300,40,1,6,"Close to plan"',
  '2026-02-13,s6,next_session_planning,204000,,,0,0,0,0,0,"Open: the next session"',
  '2026-02-13,n/a,end_of_session,1000,900,-100,0,0,0,0,0,"CORRECTION: a correction row is not a session"',
  ''
].join('\n')

function writeReport(): {root: string; html: string; out: string} {
  const root = makeWorkspace({...fixtureFiles('valid'), [ledgerPath]: ledger})
  const out = path.join(root, 'out', 'report.html')
  mkdirSync(path.dirname(out))
  const result = runCli(['report', '--out', out, '--root', root])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('(6 sessions, 5 closed)')
  return {root, html: readFileSync(out, 'utf8'), out}
}

describe('sop-lint report', () => {
  test('one self-contained page: no URL, no script, no external resource, a CSP that refuses every load, light and dark colours', () => {
    const {html} = writeReport()
    expect(html).not.toMatch(/https?:/i)
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i)
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|source|video|audio)\b/i)
    expect(html).not.toMatch(/\b(src|href|srcset|xlink:href)\s*=/i)
    expect(html).not.toMatch(/url\(|@import|@font-face/i)
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    )
    expect(html).toContain('@media (prefers-color-scheme: dark)')
    // Ledger text is escaped, not markup.
    expect(html).toContain('Over the band &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;')
    expect((html.match(/<g class="session"/g) ?? []).length).toBe(6)
    expect((html.match(/<rect class="bar-actual/g) ?? []).length).toBe(5)
    expect((html.match(/<rect class="band"/g) ?? []).length).toBe(1)
  })

  test('the ledger table right-aligns the columns the ledger types as numbers, and only those', () => {
    const {html} = writeReport()
    const header = [...(html.match(/<thead>[\s\S]*?<\/thead>/)?.[0] ?? '').matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map(
      ([, name]) => name
    )
    const firstRow = html.match(/<tbody>\s*<tr[^>]*>([\s\S]*?)<\/tr>/)?.[1] ?? ''
    const classes = [...firstRow.matchAll(/<td(?: class="([^"]*)")?>/g)].map(([, name]) => name ?? '')
    expect(header.length).toBeGreaterThan(0)
    const numbered = header.filter((_, index) => (classes[index] ?? '').split(' ').includes('number'))
    expect(numbered).toEqual([
      'tokens_planned',
      'tokens_actual',
      'delta',
      'commits',
      'lines_added',
      'lines_deleted',
      'features_added',
      'tests_added'
    ])
    expect(classes[header.indexOf('notes')]).toBe('notes')
  })

  test('a session under the band and one over it have bars of different colours, in light and dark', () => {
    const {html} = writeReport()
    // s4 (171,000) is under the band, s3 (236,000) over it.
    expect(html).toMatch(
      /<g class="session" data-date="2026-02-09"[^>]*>\s*<rect class="bar-actual outside under-band"/
    )
    expect(html).toMatch(/<g class="session" data-date="2026-02-06"[^>]*>\s*<rect class="bar-actual outside over-band"/)
    const fills = (scheme: string) =>
      Object.fromEntries(
        [...scheme.matchAll(/--(actual|under-band|over-band): (#[0-9a-f]{6})/g)].map(([, name, colour]) => [
          name,
          colour
        ])
      )
    const [light, dark] = html.split('@media (prefers-color-scheme: dark)').map(fills)
    for (const colours of [light!, dark!]) {
      expect(Object.keys(colours).sort()).toEqual(['actual', 'over-band', 'under-band'])
      expect(new Set(Object.values(colours)).size).toBe(3)
    }
    expect(html).toContain(
      '.chart .bar-actual.under-band { fill: var(--under-band); } .chart .bar-actual.over-band { fill: var(--over-band); }'
    )
  })

  test('sessions closed in rows of their own (as the real ledger writes end_of_session rows) are charted; task rows planned at 0 and corrections are not', () => {
    const realStyle = [
      header,
      '2025-10-19,planned-001,next_session_planning,200000,,,0,0,0,0,0,Planned budget',
      '2025-10-19,n/a,end_of_session,200000,168000,-32000,0,0,0,3,0,window=W0-20; provider=codex',
      '2025-10-20,n/a,experiment_001_claude_window,0,0,0,0,0,0,0,0,a task row',
      '2025-10-20,n/a,end_of_session,180000,175500,-4500,0,0,0,1,0,"CORRECTION: replaces the row above"',
      '2025-10-20,0199f878,experiment_001_codex_window,190000,240000,50000,0,0,0,0,0,over the window share',
      ''
    ].join('\n')
    const root = makeWorkspace({[ledgerPath]: realStyle})
    const out = path.join(root, 'report.html')
    const result = runCli(['report', '--out', out, '--root', root])
    expect(result.stdout).toContain('(3 sessions, 2 closed)')
    const html = readFileSync(out, 'utf8')
    expect(html).toContain(
      '<li data-date="2025-10-19">2025-10-19 end_of_session (line 3): planned 200,000, actual 168,000, delta −32,000</li>'
    )
    expect(html).toContain(
      '<li data-date="2025-10-20">2025-10-20 experiment_001_codex_window (line 6): planned 190,000, actual 240,000, delta +50,000</li>'
    )
    expect((html.match(/<rect class="bar-actual outside under-band"/g) ?? []).length).toBe(1)
    expect((html.match(/<rect class="bar-actual outside over-band"/g) ?? []).length).toBe(1)
  })

  test('a ledger that does not parse, and no ledger', () => {
    const root = makeWorkspace({[ledgerPath]: `${header}\n2026-02-02,"s1,next_session_planning\n`})
    const broken = runCli(['report', '--out', path.join(root, 'r.html'), '--root', root])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('the ledger does not parse')
    const empty = makeWorkspace({})
    expect(runCli(['report', '--root', empty]).stderr).toContain('does not exist: there is nothing to chart')
  })

  const haveChromium = existsSync(chromiumPath)
  if (!haveChromium && !process.env.CI) {
    process.stderr.write(
      `report.test.ts: ${chromiumPath} is missing, so the browser test is skipped; install it with: apt-get install -y chromium (CI does)\n`
    )
  }

  test.skipIf(!haveChromium && !process.env.CI)(
    'renders in headless Chromium: a bar per closed session, a planned mark per session, the band, the deltas, dark and light, nothing fetched',
    async () => {
      expect(existsSync(chromiumPath), `${chromiumPath} is missing: .ci/run installs Debian's chromium`).toBe(true)
      const {root, out} = writeReport()
      const {chromium} = await import('playwright-core')
      const context = await chromium.launchPersistentContext(path.join(root, 'chromium-profile'), {
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync'
        ]
      })
      try {
        const requested: string[] = []
        await context.route('**/*', (route) => {
          requested.push(route.request().url())
          return route.request().url().startsWith('file:') ? route.continue() : route.abort()
        })
        const page = await context.newPage()
        await page.emulateMedia({colorScheme: 'light'})
        await page.goto(pathToFileURL(out).href)

        expect(await page.title()).toBe('Token ledger — planned vs actual')
        expect(await page.locator('svg.chart g.session').count()).toBe(6)
        expect(await page.locator('svg.chart rect.bar-actual').count()).toBe(5)
        expect(await page.locator('svg.chart rect.bar-actual.outside').count()).toBe(2)
        expect(await page.locator('svg.chart line.planned').count()).toBe(6)
        expect(await page.locator('svg.chart text.delta').allTextContents()).toEqual([
          '+11,000',
          '−4,500',
          '+32,000',
          '−25,000',
          '−1,000'
        ])
        expect(await page.locator('svg.chart text.open').count()).toBe(1)

        // The band spans 70–80 % of 272,000, drawn where the axis puts those figures.
        const band = page.locator('svg.chart rect.band')
        expect(await band.count()).toBe(1)
        expect(await band.getAttribute('data-min')).toBe('190400')
        expect(await band.getAttribute('data-max')).toBe('217600')
        const bandBox = (await band.boundingBox())!
        expect(bandBox.height).toBeGreaterThan(10)
        expect(bandBox.width).toBeGreaterThan(300)
        // A bar in the band ends inside it; the over-budget bar rises above it.
        const inBand = (await page
          .locator('svg.chart g.session[data-date="2026-02-11"] rect.bar-actual')
          .boundingBox())!
        expect(inBand.y).toBeGreaterThan(bandBox.y)
        expect(inBand.y).toBeLessThan(bandBox.y + bandBox.height)
        const over = (await page.locator('svg.chart g.session[data-date="2026-02-06"] rect.bar-actual').boundingBox())!
        expect(over.y).toBeLessThan(bandBox.y)
        // Under the band, in it and over it: three colours.
        const fill = (date: string) =>
          page
            .locator(`svg.chart g.session[data-date="${date}"] rect.bar-actual`)
            .evaluate((bar) => getComputedStyle(bar).fill)
        expect(new Set([await fill('2026-02-09'), await fill('2026-02-11'), await fill('2026-02-06')]).size).toBe(3)

        // The ledger table: every row, the escaped note shown as text.
        expect(await page.locator('table.ledger tbody tr').count()).toBe(8)
        expect(await page.locator('table.ledger tbody tr.planning').count()).toBe(6)
        expect(await page.locator('table.ledger').textContent()).toContain(
          'Over the band <script>alert(1)</script> & "quoted"'
        )
        expect(await page.locator('script').count()).toBe(0)

        const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
        await page.screenshot({path: path.join(root, 'report-light.png'), fullPage: true})
        await page.emulateMedia({colorScheme: 'dark'})
        const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
        expect(lightBackground).toBe('rgb(255, 255, 255)')
        expect(darkBackground).toBe('rgb(13, 17, 23)')
        const screenshot = path.join(root, 'report-dark.png')
        await page.screenshot({path: screenshot, fullPage: true})
        expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG')
        expect(statSync(screenshot).size).toBeGreaterThan(10_000)

        expect(requested).toEqual([pathToFileURL(out).href])
      } finally {
        await context.close()
      }
    },
    120_000
  )
})
