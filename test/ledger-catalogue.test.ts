/**
 * The bad-input catalogue of the token ledger: every shape of broken CSV a
 * ledger written by hand, by scripts and by spreadsheets has been seen in,
 * run through the built CLI as a user runs it. Each case asserts the message
 * and that nothing crashes: exit 1 (0 for the valid ones), never 2, never a
 * stack trace. Then the real ledger of the agentos workspace.
 */
import {existsSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {parse} from 'csv-parse/sync'
import {describe, expect, test} from 'vitest'
import type {JsonResult} from '../src/cli/formats/json.js'
import {resolveConfig} from '../src/engine/config.js'
import {csvCell, parseLedger} from '../src/ledger/parse.js'
import {scanRecords} from '../src/ledger/scan.js'
import {projectRoot, runCli} from './helpers/cli.js'
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

const ledgerPath = 'docs/Ledgers/Token_Churn_Ledger.csv'
const header =
  'date,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes'
const closed = '2026-03-02,7f3a9c21,next_session_planning,204000,198500,-5500,4,310,42,2,7,Sync engine'
const open = '2026-03-04,c0d41e88,next_session_planning,210000,,,0,0,0,0,0,Conflict resolver'

/** Lints the ledger of a workspace with the built CLI; returns its messages as `line:col ruleId message` and the raw run. */
function lintLedger(root: string, extraArgs: string[] = []) {
  const run = runCli(['--root', root, '--format', 'json', ...extraArgs, ledgerPath], {cwd: root})
  expect(run.stderr).not.toContain('    at ')
  expect(run.code).not.toBe(2)
  const results = JSON.parse(run.stdout) as JsonResult[]
  const messages = results.flatMap((result) => result.messages)
  return {
    run,
    messages,
    lines: messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`)
  }
}

/** A workspace holding `files` and the ledger, written byte for byte (a Buffer for bytes that are not UTF-8). */
function ledgerWorkspace(text: string | Buffer, files: Record<string, string> = {}): string {
  const root = makeWorkspace({...files, [ledgerPath]: ''})
  writeFileSync(path.join(root, ledgerPath), text)
  return root
}

describe('bad-input catalogue (spawned CLI)', () => {
  test('ragged rows: too few and too many cells', () => {
    const root = ledgerWorkspace(`${header}\n${closed.replace(',Sync engine', '')}\n${open},extra,cells\n`)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '2:75 ledger-schema the row has 11 cells where the header has 12 (none for notes): add the missing cells, blank when unknown',
      '3:80 ledger-schema the row has 14 cells where the header has 12: remove the extra cells, or quote a value that holds a comma ("a, b")'
    ])
  })

  test('an unclosed quote is one fatal message where the quote opens', () => {
    const root = ledgerWorkspace(
      `${header}\n${closed}\n2026-03-03,n/a,status_snapshot,0,61000,61000,0,0,0,0,0,"Context 22% used\n${open}\n${open}\n`
    )
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '3:56 ledger-schema the quote that opens this cell is never closed, so the parser cannot read on: close the cell with " and write each quote inside it as "" (nothing else in the ledger is checked until it parses)'
    ])
  })

  test('text after a closing quote is fatal too', () => {
    const root = ledgerWorkspace(`${header}\n${closed.replace('Sync engine', '"Sync" engine')}\n`)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '2:82 ledger-schema “ ” follows the closing quote of a cell: quote the whole cell and write each quote inside it as "" (nothing else in the ledger is checked until it parses)'
    ])
  })

  test('a BOM: the header is read and columns count from the first visible character', () => {
    const row = closed.replace('-5500', '5500')
    const root = ledgerWorkspace(`\uFEFF${header}\n${row}\n`)
    const {run, messages} = lintLedger(root)
    expect(run.code).toBe(1)
    // A wrong delta is replaced only by a person: a suggestion, its range in the text after the BOM (as ESLint's).
    const start = header.length + 1 + row.indexOf(',5500,') + 1
    expect(
      messages.map(
        (message) =>
          `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.fix?.text}`
      )
    ).toEqual(['2:57-2:61 ledger-delta undefined'])
    expect(messages[0]!.suggestions).toEqual([
      {desc: 'Replace with “-5500”', fix: {range: [start, start + 4], text: '-5500'}}
    ])
  })

  test('CRLF line endings: lines and columns as with LF, and the appended row ends in CRLF', () => {
    const plan = '# Plan (2026-03-04)\n\n## Token budget\n- Target: 204K (75% of 272K)\n- Buffer: 16K\n'
    const root = ledgerWorkspace(
      `${header}\r\n${closed}\r\n\r\n${closed.replace('2026-03-02', '2026-03-01').replace('7f3a9c21', '5b0e2d47')}\r\n`,
      {
        'plans/2026-03-04_next_session.plan.md': plan
      }
    )
    const {run, messages, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '5:1 ledger-planning-row No planning row for `plans/2026-03-04_next_session.plan.md`: append one dated 2026-03-04 with task next_session_planning, tokens_planned 204000 and blank tokens_actual and delta (filled when the session ends)',
      '4:1 ledger-order date 2026-03-01 goes back from 2026-03-02 on line 2: append rows in date order, or mark the row as a correction (CORRECTION in notes)'
    ])
    expect(messages[0]!.fix?.text).toBe(
      '2026-03-04,2026-03-04_next_session,next_session_planning,204000,,,0,0,0,0,0,Planned token budget for plans/2026-03-04_next_session.plan.md\r\n'
    )
  })

  test('no trailing newline: the last row is read, and an appended row starts with a line break', () => {
    const plan = '# Plan (2026-03-04)\n\n## Token budget\n- Target: 204K (75% of 272K)\n'
    const root = ledgerWorkspace(`${header}\n${closed.replace(',-5500,', ',,')}`, {
      'plans/2026-03-04_next_session.plan.md': plan
    })
    const {run, messages, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '2:57 ledger-delta delta is blank on a closed row: insert -5500 (tokens_actual 198500 − tokens_planned 204000)',
      '2:82 ledger-planning-row No planning row for `plans/2026-03-04_next_session.plan.md`: append one dated 2026-03-04 with task next_session_planning, tokens_planned 204000 and blank tokens_actual and delta (filled when the session ends)'
    ])
    expect(messages.map((message) => message.fix?.text)).toEqual([
      '-5500',
      '\n2026-03-04,2026-03-04_next_session,next_session_planning,204000,,,0,0,0,0,0,Planned token budget for plans/2026-03-04_next_session.plan.md'
    ])
  })

  test('blank lines are skipped and still counted in line numbers', () => {
    const root = ledgerWorkspace(`${header}\n\n${closed}\n\n\n${open.replace(',,,', ',,-3000,')}\n\n`)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '6:51 ledger-planning-row delta is filled on an open planning row: leave tokens_actual and delta blank until the session ends'
    ])
  })

  test('bytes that are not UTF-8 are reported where they stand', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}\n${closed.replace('Sync engine', 'Sync caf')}`),
      Buffer.from([0xe9, 0x20, 0xff]),
      Buffer.from(`\n${open}\n`)
    ])
    const root = ledgerWorkspace(bytes)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual(['2:84 ledger-schema bytes that are not UTF-8 (read as “\uFFFD”): save the ledger as UTF-8'])
  })

  test('a U+FFFD that valid UTF-8 bytes encode is a character, not an encoding error', () => {
    const root = ledgerWorkspace(
      `${header}\n${closed.replace('Sync engine', 'Decoder shows \uFFFD for bad bytes')}\n${open}\n`
    )
    const {lines} = lintLedger(root)
    expect(lines.filter((line) => line.includes('encoding-error'))).toEqual([])
  })

  test('an empty ledger gets its header line', () => {
    const root = ledgerWorkspace('')
    const {run, messages} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(
      messages.map(
        (message) =>
          `${message.line}:${message.column} ${message.ruleId} ${message.message} ${JSON.stringify(message.fix?.text)}`
      )
    ).toEqual([`1:1 ledger-schema the ledger is empty: add the header line ${JSON.stringify(`${header}\n`)}`])
  })

  test('text cells beginning with =, +, -, @ are formulas; numbers are not', () => {
    const rows = [
      '2026-03-02,7f3a9c21,=1+1,204000,198500,-5500,4,310,42,2,7,ok',
      '2026-03-03,5b0e2d47,build,204000,198500,-5500,4,310,42,2,7,+cmd',
      '2026-03-04,c0d41e88,build,204000,198500,-5500,4,310,42,2,7,-rm',
      '2026-03-05,e91b3f02,build,204000,198500,-5500,4,310,42,2,7,@SUM(A1)',
      '2026-03-06,a4c7d210,build,204000,198500,-5500,4,310,42,2,7,"\tindented"'
    ]
    const root = ledgerWorkspace(`${header}\n${rows.join('\n')}\n`)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    const advice = "which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign"
    expect(lines).toEqual([
      `2:21 ledger-formula task “=1+1” starts with “=”, ${advice}`,
      `3:60 ledger-formula notes “+cmd” starts with “+”, ${advice}`,
      `4:60 ledger-formula notes “-rm” starts with “-”, ${advice}`,
      `5:60 ledger-formula notes “@SUM(A1)” starts with “@”, ${advice}`,
      `6:60 ledger-formula notes “\\tindented” starts with a tab, ${advice}`
    ])
  })

  test('full-width signs, and signs behind blank or invisible characters, are formulas too; numbers in any form are not', () => {
    const notes = [
      '＝1+1',
      '＋cmd',
      '－rm',
      '＠SUM(A1)',
      '  =1+1',
      '\u200B=1+1',
      '\uFEFF=1+1',
      '\u00A0=1+1',
      '\u2060@SUM(A1)',
      '\u3000-rm'
    ]
    const rows = notes.map(
      (note, index) =>
        `2026-04-${String(index + 1).padStart(2, '0')},s${index},build,204000,198500,-5500,4,310,42,2,7,${note}`
    )
    rows.push(
      '2026-04-20,s20,build,204000,198500,-5500,4,310,42,2,7,－５',
      '2026-04-21,s21,build,204000,198500,-5500,4,310,42,2,7,\u200B-5'
    )
    const root = ledgerWorkspace(`${header}\n${rows.join('\n')}\n`)
    const {run, messages} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(
      notes.map((_note, index) => `${index + 2} ledger-formula`)
    )
    expect(messages[1]!.message).toBe(
      "notes “＋cmd” starts with “＋” (U+FF0B, a form of “+”), which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign"
    )
    expect(messages[6]!.message).toBe(
      "notes “\\uFEFF=1+1” starts with “=” after 1 blank or invisible character (U+FEFF), which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign"
    )
  })

  test('a negative delta is valid: no message, exit 0', () => {
    const root = ledgerWorkspace(`${header}\n${closed}\n${open}\n`)
    const {run, messages} = lintLedger(root)
    expect(messages).toEqual([])
    expect(run.code).toBe(0)
  })

  test('a 100,000-row ledger is checked to the end', {timeout: 300_000}, () => {
    const rows = [header]
    const day = Date.UTC(2000, 0, 1)
    for (let index = 0; index < 100_000; index++) {
      const date = new Date(day + Math.floor(index / 10) * 86_400_000).toISOString().slice(0, 10)
      rows.push(
        `${date},s-${index},build_${index % 10},200000,195000,-5000,2,120,30,1,3,"Session ${index}, routine work"`
      )
    }
    rows[50_001] = rows[50_001]!.replace(',-5000,', ',,')
    rows[99_999] = rows[99_999]!.replace('routine work"', 'routine work",extra')
    const root = ledgerWorkspace(`${rows.join('\n')}\n`)
    const {run, lines} = lintLedger(root)
    expect(run.code).toBe(1)
    expect(lines).toEqual([
      '100000:91 ledger-schema the row has 13 cells where the header has 12: remove the extra cells, or quote a value that holds a comma ("a, b")',
      '50002:42 ledger-delta delta is blank on a closed row: insert -5000 (tokens_actual 195000 − tokens_planned 200000)'
    ])
  })
})

describe('the scanner places what csv-parse reads', () => {
  /** A small deterministic generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
      return state / 2_147_483_648
    }
  }
  const pieces = ['a', 'b c', '', '1', '-5', '""', ',', '\n', '\r\n', 'é', '"', ' ']

  test('values and cell counts agree on 300 random valid CSV texts', () => {
    const next = random(7)
    for (let round = 0; round < 300; round++) {
      const eol = ['\n', '\r\n', '\r'][Math.floor(next() * 3)]!
      const records = Array.from({length: 1 + Math.floor(next() * 5)}, () =>
        Array.from({length: 1 + Math.floor(next() * 4)}, () => {
          const value = Array.from(
            {length: Math.floor(next() * 3)},
            () => pieces[Math.floor(next() * pieces.length)]
          ).join('')
          return /[",\r\n]/.test(value) || next() < 0.2 ? `"${value.replace(/"/g, '""')}"` : value
        })
      )
      const text = records.map((cells) => cells.join(',')).join(eol) + (next() < 0.5 ? eol : '')
      const values = parse(text, {skip_empty_lines: true, relax_column_count: true}) as string[][]
      const scan = scanRecords(text)
      expect(scan.error, JSON.stringify(text)).toBeUndefined()
      expect(scan.recordStart.length, JSON.stringify(text)).toBe(values.length)
      values.forEach((record, index) => {
        const first = scan.recordFirstCell[index]!
        expect(scan.recordFirstCell[index + 1]! - first, JSON.stringify(text)).toBe(record.length)
        record.forEach((value, cell) => {
          const raw = text.slice(scan.cellStart[first + cell], scan.cellEnd[first + cell])
          const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw
          expect(unquoted, JSON.stringify(text)).toBe(value)
        })
      })
    }
  })

  test('csvCell quotes what needs quoting and nothing else', () => {
    expect(csvCell('Sync engine')).toBe('Sync engine')
    expect(csvCell('Sync, engine')).toBe('"Sync, engine"')
    expect(csvCell('a "merge"')).toBe('"a ""merge"""')
    expect(csvCell(' padded')).toBe('" padded"')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  test('a table is parsed once and reads its own places', () => {
    const table = parseLedger(`${header}\n${closed}\n`, resolveConfig({}).ledger)
    expect(table.fatal).toBeUndefined()
    expect(table.rows[0]!.line).toBe(2)
    expect(table.cell(table.rows[0]!, 'notes')!.start).toEqual({line: 2, column: 76, offset: header.length + 1 + 75})
  })
})

describe('one message per problem: cells that do not parse are ledger-schema’s alone', () => {
  const plan = '# Plan (2026-03-04)\n\n## Token budget\n- Target: 210K (77% of 272K)\n'

  test('a planning row with a mistyped tokens_planned is not also “missing” or “not the target”', async () => {
    const root = makeWorkspace({
      'plans/2026-03-04_next_session.plan.md': plan,
      [ledgerPath]: `${header}\n${open.replace('210000', '210k')}\n`
    })
    expect(await lintWorkspace(root, [ledgerPath])).toEqual([
      '2:43-2:47 error ledger-schema tokens_planned “210k” is not an integer: write 210000'
    ])
  })

  test('a ragged planning row is still the plan’s row', async () => {
    const root = makeWorkspace({
      'plans/2026-03-04_next_session.plan.md': plan,
      [ledgerPath]: `${header}\n${open.replace(',Conflict resolver', '')}\n`
    })
    expect(await lintWorkspace(root, [ledgerPath])).toEqual([
      '2:61 error ledger-schema the row has 11 cells where the header has 12 (none for notes): add the missing cells, blank when unknown'
    ])
  })

  test('a closed row with a mistyped delta gets no delta message', async () => {
    const root = makeWorkspace({[ledgerPath]: `${header}\n${closed.replace('-5500', '−5500')}\n`})
    expect(await lintWorkspace(root, [ledgerPath])).toEqual([
      '2:57-2:62 error ledger-schema delta “−5500” is not an integer: write -5500'
    ])
  })
})

/** fixtures/failures/ledger-*: a plan and a ledger each; linting the ledger gives its family's messages (their start) and no other. */
const fixtureFamilies: Record<string, string[]> = {
  'ledger-schema': [
    '2:1-2:11 ledger-schema date “2026-05-32” is not a real day',
    '3:88-3:102 ledger-schema the row has 13 cells where the header has 12',
    '4:34-4:37 ledger-schema tokens_actual “83k” is not an integer'
  ],
  'ledger-delta': [
    '2:57 ledger-delta delta is blank on a closed row',
    '3:57-3:62 ledger-delta delta -3000 is not tokens_actual 215000 − tokens_planned 212000'
  ],
  'ledger-planning-row': [
    '2:43-2:49 ledger-planning-row tokens_planned 180000 is below the band 190,400–217,600 (70%–80% of 272K)',
    '5:1 ledger-planning-row No planning row for `plans/2026-05-12_next_session.plan.md`'
  ],
  'ledger-order': ['4:1-4:11 ledger-order date 2026-05-07 goes back from 2026-05-08 on line 3'],
  'ledger-duplicate': [
    '5:1-5:67 ledger-duplicate the row is identical to line 4',
    '7:1-7:74 ledger-duplicate date, session_id and task (2026-05-09, c9e2a7b1, end_of_session) repeat line 6'
  ],
  'ledger-formula': [
    '2:76-2:127 ledger-formula notes “=HYPERLINK("http://example.invalid","pa…” starts with “=”',
    '4:51-4:80 ledger-formula notes “-tweaked estimates, see log” starts with “-”'
  ]
}

describe('fixtures/failures/ledger-*', () => {
  for (const [family, expected] of Object.entries(fixtureFamilies)) {
    test(family, () => {
      const root = path.join(projectRoot, 'fixtures/failures', family)
      const {run, messages} = lintLedger(root)
      expect(run.code).toBe(1)
      const said = messages.map((message) => {
        const place = `${message.line}:${message.column}${message.endLine === undefined ? '' : `-${message.endLine}:${message.endColumn}`}`
        return `${place} ${message.ruleId} ${message.message}`
      })
      expect(said).toHaveLength(expected.length)
      expected.forEach((start, index) => expect(said[index]!.startsWith(start), said[index]).toBe(true))
    })
  }
})

describe('the agentos ledger', () => {
  const agentos = path.resolve(projectRoot, '../shared/examples/agentos')

  test.skipIf(!existsSync(agentos))(
    'reports the real rows at their real lines, and nothing on the correction row',
    () => {
      const run = runCli(['--root', agentos, '--format', 'json'])
      expect(run.stderr).not.toContain('    at ')
      expect(run.code).toBe(1)
      const results = JSON.parse(run.stdout) as JsonResult[]
      const ledger = results.find((result) => result.filePath === path.join(agentos, ledgerPath))
      expect(ledger).toBeDefined()
      const lines = ledger!.messages.map(
        (message) => `${message.line}:${message.column} ${message.ruleId} ${message.messageId}`
      )
      expect(lines).toEqual([
        // lines 2, 4, 7 and 8: planned at 0, yet a delta (which counts the whole session as overrun); line 10, planned at
        // 0 with no delta, is right
        '2:80 ledger-delta deltaOnUnplannedRow',
        '4:49 ledger-delta deltaOnUnplannedRow',
        '7:81 ledger-delta deltaOnUnplannedRow',
        '8:82 ledger-delta deltaOnUnplannedRow',
        // lines 15–19: planned at 180000, below 190,400–217,600
        '15:59 ledger-planning-row outsideBand',
        '16:36 ledger-planning-row outsideBand',
        '17:39 ledger-planning-row outsideBand',
        '18:31 ledger-planning-row outsideBand',
        '19:34 ledger-planning-row outsideBand',
        // the newest plan (2025-11-06) has no planning row
        '22:1 ledger-planning-row noRow',
        // line 7 steps back from 2025-10-20 (line 5; line 6 is the correction) to 2025-10-19
        '7:1 ledger-order dateGoesBack'
        // No duplicate: lines 8 and 10 are two status snapshots of one session, and lines 13, 14, 18 and 21 name no session (n/a)
      ])
      expect(ledger!.messages.find((message) => message.messageId === 'noRow')?.message).toContain(
        '`plans/2025-11-06_cross-repo-sync.plan.md`'
      )
      const messages = ledger!.messages
      for (const message of messages.filter((message) => message.line >= 15 && message.line <= 19)) {
        expect(message.message).toBe(
          'tokens_planned 180000 is below the band 190,400–217,600 (70%–80% of 272K): plan within the band'
        )
      }
      expect(messages.find((message) => message.ruleId === 'ledger-order')?.message).toContain(
        'goes back from 2025-10-20 on line 5'
      )
      expect(messages.filter((message) => message.line === 6)).toEqual([])
    }
  )
})
