import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {VFile} from 'vfile'
import {ruleIds, type RuleId, type Severity} from '../config/schema.js'
import {packageVersion} from '../cli/version.js'
import {ruleDocUrl} from '../meta.js'
import {repositoryWebUrl} from '../package-manifest.js'

const levels: Record<Severity, 'error' | 'warning' | 'none'> = {error: 'error', warn: 'warning', off: 'none'}

export interface SarifOptions {
  quiet: boolean
  /** Absolute workspace root: artifact URIs are relative to it (`%SRCROOT%`). */
  root: string
  /** Severity of each rule, for the rules' default levels. */
  severities: Record<RuleId, Severity>
}

/**
 * A SARIF 2.1.0 log, as GitHub code scanning and other SARIF viewers read it:
 * one run, every rule with its help URI (its doc page) and level, every
 * message a result with the rule's index and a region.
 */
export function formatSarif(files: readonly VFile[], options: SarifOptions): string {
  const rules = ruleIds.map((id) => ({
    id,
    name: id,
    shortDescription: {text: describeRule(id)},
    helpUri: ruleDocUrl(id),
    help: {text: `See ${ruleDocUrl(id)}`},
    defaultConfiguration: {level: levels[options.severities[id]]}
  }))
  const results = files.flatMap((file) => {
    const uri = artifactUri(path.resolve(file.cwd, file.path), options.root)
    return file.messages
      .filter((message) => !options.quiet || message.fatal)
      .map((message) => {
        const ruleIndex = message.ruleId ? ruleIds.indexOf(message.ruleId as RuleId) : -1
        const end = message.place && 'end' in message.place ? message.place.end : undefined
        return {
          ruleId: message.ruleId ?? 'sop-lint',
          ...(ruleIndex === -1 ? {} : {ruleIndex}),
          level: message.fatal ? 'error' : 'warning',
          message: {text: message.reason},
          locations: [
            {
              physicalLocation: {
                artifactLocation: {uri, uriBaseId: '%SRCROOT%'},
                region: {
                  startLine: message.line ?? 1,
                  startColumn: message.column ?? 1,
                  ...(end ? {endLine: end.line, endColumn: end.column} : {})
                }
              }
            }
          ],
          ...(message.expected?.length === 1 ? {fixes: fixesOf(message, uri)} : {})
        }
      })
  })
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sop-lint',
            version: packageVersion(),
            informationUri: repositoryWebUrl(),
            rules
          }
        },
        originalUriBaseIds: {'%SRCROOT%': {uri: `${pathToFileURL(options.root).href.replace(/\/?$/, '/')}`}},
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

/** A path relative to the root, as a relative URI; the path itself when outside. */
function artifactUri(absolute: string, root: string): string {
  const relative = path.relative(root, absolute).split(path.sep).join('/')
  if (relative === '') return './'
  if (relative.startsWith('../') || path.isAbsolute(relative)) return pathToFileURL(absolute).href
  return relative.split('/').map(encodeURIComponent).join('/')
}

/** The message's one replacement, as a SARIF fix: an insertion at a point or a replacement of a range. */
function fixesOf(message: VFile['messages'][number], uri: string) {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  if (!start || !end) return []
  return [
    {
      description: {text: 'Insert what the message says is missing'},
      artifactChanges: [
        {
          artifactLocation: {uri, uriBaseId: '%SRCROOT%'},
          replacements: [
            {
              deletedRegion: {startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column},
              insertedContent: {text: message.expected![0]!}
            }
          ]
        }
      ]
    }
  ]
}

/** The first sentence of the rule's doc page (shipped with the package), else a generic line. */
function describeRule(id: RuleId): string {
  try {
    const page = readFileSync(new URL(`../../../rules/${id}.md`, import.meta.url), 'utf8')
    const intro = page.split(/\n\n+/)[1] ?? ''
    const sentence = intro.replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0]
    if (sentence) return sentence
  } catch {}
  return `sop-lint rule ${id}`
}
