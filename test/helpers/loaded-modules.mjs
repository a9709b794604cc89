// Loaded with `node --import` (see `loadedCode` in test/helpers/cli.ts):
// writes the URL of every file module the process loads, one per line, to
// the file SOP_LINT_TEST_MODULES names — what a run of the CLI had to read
// and compile, whatever the bundle's files are called.
import {register} from 'node:module'

const hooks = `
import {appendFileSync} from 'node:fs'
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(process.env.SOP_LINT_TEST_MODULES, url + '\\n')
  return nextLoad(url, context)
}
`
if (process.env.SOP_LINT_TEST_MODULES) register(`data:text/javascript,${encodeURIComponent(hooks)}`)
