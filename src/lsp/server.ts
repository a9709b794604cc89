/**
 * sop-lint's language server: unified-language-server configured as
 * remark-language-server is (remark configs, `.remarkignore`, the `remark`
 * settings section), with the package's remark as the processor when the
 * workspace has none, and the sop-lint preset added to every workspace.
 *
 * - A document's workspace is the workspace folder it is in (its `file.cwd`);
 *   cross-file rules read the other documents from disk below that folder.
 * - A document outside every workspace folder gets no diagnostics
 *   (unified-language-server does not check it); with no workspace folder at
 *   all, the nearest folder above the document holding a `package.json` or
 *   `.git` is its workspace.
 * - A message's `place` and `expected` become a quick fix (insert at a point,
 *   replace a range), which is the same data `sop-lint --fix` applies.
 */
import type {Root} from 'mdast'
import {remark} from 'remark'
import type {Processor} from 'unified'
import {createUnifiedLanguageServer} from 'unified-language-server'
import sopLint, {hasSopLint} from '../preset.js'

/**
 * Adds the preset with its defaults unless the workspace's remark config
 * already did (with its own options, from whichever copy of the package it
 * names); unified-engine adds these plugins after the config's.
 */
export function sopLintUnlessConfigured(this: Processor): undefined {
  if (hasSopLint(this)) return
  sopLint.call(this as unknown as Processor<Root>)
}

/** Starts the server on the connection given on the command line (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=N`). */
export function startLanguageServer(): void {
  createUnifiedLanguageServer({
    processorName: 'remark',
    processorSpecifier: 'remark',
    defaultProcessor: remark,
    pluginPrefix: 'remark',
    configurationSection: 'remark',
    rcName: '.remarkrc',
    packageField: 'remarkConfig',
    ignoreName: '.remarkignore',
    plugins: [sopLintUnlessConfigured]
  })
}
