/**
 * Paths read in their context (issue 15, items 3 and 4): written from a
 * folder above the workspace, in another repository that `paths.siblings`
 * maps, or to be made this session; and files a command writes.
 */
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {commandPaths, commandWrites} from '../src/markdown/path-refs.js'
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

const planPath = 'plans/2026-03-02_next_session.plan.md'

describe('paths in their context', () => {
  test('a workspace in a subfolder: paths written from the monorepo root or from the folder above resolve', async () => {
    const monorepo = makeWorkspace({
      'projects/app/docs/guide.md': '# Guide\n',
      'projects/app/PROGRESS.md': '# Progress\n',
      [`projects/app/${planPath}`]: [
        '# Plan',
        '',
        '## Required reading',
        '1. `projects/app/PROGRESS.md` — written from the monorepo root',
        '2. `app/docs/guide.md` — written from the folder above',
        '3. `projects/app/docs/missing.md` — still missing',
        ''
      ].join('\n')
    })
    const root = path.join(monorepo, 'projects/app')
    expect(await lintWorkspace(root, [planPath], 'required-reading')).toEqual([
      '6:4-6:34 error required-reading Required reading `projects/app/docs/missing.md` does not exist: fix the path or remove the item (required reading must exist now)'
    ])
  })

  test('paths.siblings: a mapped repository is checked in its folder, by label or by its name; when the folder is not there, once, as a warning', async () => {
    const parent = makeWorkspace({
      'billing-api/docs/contract.md': '# Contract\n',
      'app/.remarkrc.json': JSON.stringify({
        plugins: [['sop-lint', {paths: {siblings: {API: '../billing-api', DOCS: '../handbook'}}}]]
      }),
      [`app/${planPath}`]: [
        '# Plan',
        '',
        '## Required reading',
        '- API: `billing-api/docs/contract.md` — the contract, by label',
        '- `billing-api/docs/contract.md` — the contract, by the repository’s name',
        '- API: `billing-api/docs/errors.md` — missing there',
        '- DOCS: `handbook/style.md` — its folder is not there',
        '- DOCS: `handbook/tone.md` — nor for this one',
        ''
      ].join('\n')
    })
    expect(await lintWorkspace(path.join(parent, 'app'), [planPath], 'required-reading')).toEqual([
      '6:8-6:36 error required-reading Required reading `billing-api/docs/errors.md` does not exist in `../billing-api`: fix the path or remove the item (required reading must exist now)',
      '7:9-7:28 warning required-reading Required reading `handbook/style.md` is in another repository, `../handbook` (`paths.siblings`), which is not there: its paths are not checked (the same holds for `handbook/tone.md`)'
    ])
  })

  test('handoff requirements: files a task makes, files marked new or optional, and places outside the repository are not required to exist', async () => {
    const root = makeWorkspace({
      'progress.md': '# Progress\n',
      'docs/SESSION_HANDOFF.md': '# Handoff\n',
      [planPath]: [
        '# Plan',
        '',
        '## Tasks',
        '1. **Timer (20K)**',
        '   - Add `scripts/timer.sh`',
        '',
        '## Handoff requirements',
        '- `progress.md`, `docs/SESSION_HANDOFF.md` — the plan pointer',
        '- Scripts: `scripts/timer.sh`, optional `scripts/report.sh`',
        '- `docs/notes.md` (new) — what is left',
        '- Review bundle at `~/Downloads/review.zip` at close',
        '- `docs/missing.md` — not made by anything',
        ''
      ].join('\n')
    })
    expect(await lintWorkspace(root, [planPath], 'handoff-requirements')).toEqual([
      '12:3-12:20 error handoff-requirements Handoff requirements: `docs/missing.md` does not exist: name a file that exists'
    ])
  })

  test('commands: the files they write and their placeholders are not read; a cd on an earlier line sets the folder', () => {
    expect(commandPaths('pytest tests/test_a.py > out/report.txt --out out/r.json -o out/x.json')).toEqual([
      'tests/test_a.py'
    ])
    expect(commandWrites('pytest tests/test_a.py > out/report.txt --out out/r.json -o out/x.json')).toEqual([
      'out/report.txt',
      'out/r.json',
      'out/x.json'
    ])
    expect(commandWrites("cat <<'EOF' > src/store.py")).toEqual(['src/store.py'])
    expect(commandPaths('python tools/run.py --day YYYYMMDD data/<name>.json notes/….md')).toEqual(['tools/run.py'])
    expect(commandPaths('pytest tests/test_a.py', 'tracker')).toEqual(['tracker/tests/test_a.py'])
    expect(commandPaths('cd tracker && pytest tests/test_a.py')).toEqual(['tracker/tests/test_a.py'])
  })
})
