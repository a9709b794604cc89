/**
 * `npm run demo`: runs the built CLI on fixtures/demo, a team's workspace with
 * a handful of problems sop-lint should catch. Finding them (exit 1) is the
 * point of a demo, so 0 and 1 both exit 0; anything else — a usage or
 * configuration error (2), a crash, a missing build — is passed on, so that it
 * is not hidden. Extra arguments go to the CLI: `npm run demo -- --format json`.
 */
import {spawnSync} from 'node:child_process'
import {constants} from 'node:os'
import {fileURLToPath} from 'node:url'

// Compiled to dist/scripts/demo.js: the project root is two folders up.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url))
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))

const result = spawnSync(process.execPath, [cli, '--root', 'fixtures/demo', '--all-plans', ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: 'inherit'
})

if (result.error) {
  process.stderr.write(`demo: cannot run sop-lint: ${result.error.message}\n`)
  process.exitCode = 2
} else if (result.signal) {
  process.stderr.write(`demo: sop-lint was killed by ${result.signal}\n`)
  process.exitCode = 128 + (constants.signals[result.signal] ?? 0)
} else {
  process.exitCode = result.status === 0 || result.status === 1 ? 0 : (result.status ?? 1)
}
