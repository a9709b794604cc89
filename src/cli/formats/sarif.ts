import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {VFile} from 'vfile'
import {rules} from '../../../rules/index.js'
import type {Severity} from '../../config/schema.js'
import {repositoryWebUrl} from '../../config/package-manifest.js'
import {packageVersion} from '../../config/package-version.js'

const levels: Record<Severity, 'error' | 'warning' | 'none'> = {error: 'error', warn: 'warning', off: 'none'}

export interface SarifOptions {
  quiet: boolean
  /** Absolute workspace root: artifact URIs are relative to it (`%SRCROOT%`). */
  root: string
  /** Severity of each rule, for the rules' default levels. */
  severities: Readonly<Record<string, Severity>>
}

/**
 * A SARIF 2.1.0 log, as GitHub code scanning and other SARIF viewers read it:
 * one run, every rule with its help URI (its doc page) and level, every
 * message a result with the rule's index and a region.
 */
export function formatSarif(files: readonly VFile[], options: SarifOptions): string {
  const ruleIds: string[] = rules.map((rule) => rule.id)
  const descriptors = rules.map((rule) => ({
    id: rule.id,
    name: rule.id,
    shortDescription: {text: rule.meta.description},
    helpUri: rule.meta.url,
    help: {text: `See ${rule.meta.url}`},
    defaultConfiguration: {level: levels[options.severities[rule.id] ?? rule.meta.severity]}
  }))
  const results = files.flatMap((file) => {
    const uri = artifactUri(path.resolve(file.cwd, file.path), options.root)
    return file.messages
      .filter((message) => !options.quiet || message.fatal)
      .map((message) => {
        const ruleIndex = message.ruleId ? ruleIds.indexOf(message.ruleId) : -1
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
            rules: descriptors
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
              deletedRegion: {
                startLine: start.line,
                startColumn: start.column,
                endLine: end.line,
                endColumn: end.column
              },
              insertedContent: {text: message.expected![0]!}
            }
          ]
        }
      ]
    }
  ]
}
