/**
 * The newest entry of progress.md — the one with the newest date, whether the
 * log is written oldest-first or newest-first — records the Codex `/status`
 * pane (procedure step 1, “Record Codex /status in progress (context %, 5h %,
 * weekly %)”), and every capture the handoff notes hold says what it means:
 * percentages between 0 and 100, and a context percentage that agrees with the
 * token pair beside it — “24% (209K/272K)” is 77% used, so the 24% is what is
 * left, and the capture must say so.
 */
import {toString} from 'mdast-util-to-string'
import {location} from 'vfile-location'
import {appendToEntry, newestEntry} from '../src/markdown/entries.js'
import {captureTemplate, readStatusCapture, type Measurement, type StatusWindow} from '../src/tokens/status-capture.js'
import {clip} from './_shared/clip.js'
import {defineRule} from '../src/rule/define-rule.js'

/** How messages name each window. */
const windowNames: Record<StatusWindow, string> = {context: 'context', fiveHour: '5h', weekly: 'weekly'}

export default defineRule({
  id: 'status-capture',
  meta: {
    severity: 'error',
    description:
      'the newest progress entry has a `/status` capture (context, 5h, weekly) that does not contradict itself',
    messages: {
      noCapture: {
        text: 'No `/status` capture in {{where}}: record the context, 5h and weekly percentages (procedure step 1)',
        fix: 'insert'
      },
      unfilled: '`/status` capture: fill in the {{window}} percentage (`{{value}}`) from the `/status` pane',
      overflow: '`/status` capture: {{window}} {{pair}} uses more than the window',
      notPercentage: '`/status` capture: {{window}} {{value}} is not a percentage between 0 and 100',
      contradictsUsed: '`/status` capture contradicts itself: {{window}} {{value}} used, but {{figures}}',
      contradictsLeft: '`/status` capture contradicts itself: {{window}} {{value}} left, but {{figures}}',
      sayWhichMatches: {
        text: '`/status` capture: say whether {{window}} {{value}} is used or left — {{figures}}, so write “{{value}} {{direction}}”',
        fix: 'replace'
      },
      contradictsBoth:
        '`/status` capture contradicts itself: {{window}} {{value}}, but {{figures}}; say which the percentage is',
      sayWhich: '`/status` capture: say whether {{window}} {{value}} is used or left ({{figures}})',
      missingWindow: {
        text: '`/status` capture in {{where}} has no {{window}} percentage: add “{{label}} N% used” (only the 5h window may be missing)',
        fix: 'replace'
      }
    }
  },
  // The handoff may hold captures too: each is checked for what it says, none is required there.
  appliesTo: (filePath, {config}) => filePath === config.paths.progress || filePath === config.paths.handoff,
  check({tree, file, config, path: filePath, report}) {
    const progress = filePath === config.paths.progress
    const source = String(file.value)
    const entry = progress ? newestEntry(tree) : undefined
    const from = entry?.heading.position?.start.offset ?? 0
    const to = entry && !entry.last ? entry.blocks.at(-1)!.position!.end.offset! : source.length
    const measurements = readStatusCapture(source.slice(from, to), config).map((measurement) =>
      shift(measurement, from)
    )
    const place = location(source)
    const span = (start: number, end: number) => ({start: place.toPoint(start)!, end: place.toPoint(end)!})
    const where = entry ? `the newest entry (“${clip(toString(entry.heading))}”)` : `\`${filePath}\``

    if (measurements.length === 0) {
      if (!progress) return
      const insertion = appendToEntry(tree, source, entry, captureTemplate(config))
      report('noCapture', insertion.point, {data: {where}, fix: insertion.expected})
      return
    }

    const tolerance = config.crossFile.statusTolerance
    for (const measurement of measurements) {
      const window = windowNames[measurement.window]
      const value = measurement.valueText
      const at = span(measurement.valueStart, measurement.valueEnd)
      // “weekly limit not in the logs”: a figure the logs cannot give (Claude Code's), said so.
      if (measurement.missing) continue
      if (measurement.value === undefined) {
        report('unfilled', at, {data: {window, value}})
        continue
      }
      const pair = measurement.pair
      if (pair && pair.start === measurement.valueStart) {
        // A pair alone (“context 209K/272K”) says what is used; it can only overflow.
        if (pair.used > pair.total) report('overflow', at, {data: {window, pair: pair.text}})
        continue
      }
      if (measurement.value < 0 || measurement.value > 100) {
        report('notPercentage', at, {data: {window, value}})
        continue
      }
      if (!pair) continue
      const used = (pair.used / pair.total) * 100
      const matchesUsed = Math.abs(measurement.value - used) <= tolerance
      const matchesLeft = Math.abs(measurement.value - (100 - used)) <= tolerance
      const figures = `${pair.text} is ${Math.round(used)}% used, ${Math.round(100 - used)}% left`
      const whole = span(Math.min(measurement.valueStart, pair.start), Math.max(measurement.valueEnd, pair.end))
      if (pair.used > pair.total) {
        report('overflow', span(pair.start, pair.end), {data: {window, pair: pair.text}})
      } else if (measurement.direction === 'used' && !matchesUsed) {
        report('contradictsUsed', whole, {data: {window, value, figures}})
      } else if (measurement.direction === 'left' && !matchesLeft) {
        report('contradictsLeft', whole, {data: {window, value, figures}})
      } else if (measurement.direction === undefined) {
        if (matchesLeft !== matchesUsed) {
          const direction = matchesLeft ? 'left' : 'used'
          report('sayWhichMatches', at, {data: {window, value, figures, direction}, fix: `${value} ${direction}`})
        } else if (!matchesLeft) {
          report('contradictsBoth', whole, {data: {window, value, figures}})
        } else {
          report('sayWhich', at, {data: {window, value, figures}})
        }
      }
    }

    if (!progress) return
    const windows = new Set(measurements.map((measurement) => measurement.window))
    const last = measurements.reduce((latest, measurement) => (measurement.end > latest.end ? measurement : latest))
    const labels = config.crossFile.statusLabels
    const placeholder = config.plan.placeholders[0] ?? 'TODO'
    for (const window of ['context', 'weekly'] as const) {
      if (windows.has(window)) continue
      const label = labels[window][0] ?? windowNames[window]
      // The last figure read, replaced by itself and the missing one (a point at its end may be the end of the file's last block).
      report('missingWindow', span(last.valueStart, last.end), {
        data: {where, window: windowNames[window], label},
        fix: `${source.slice(last.valueStart, last.end)}, ${label} ${placeholder}% used`
      })
    }
  }
})

function shift(measurement: Measurement, by: number): Measurement {
  return {
    ...measurement,
    labelStart: measurement.labelStart + by,
    labelEnd: measurement.labelEnd + by,
    valueStart: measurement.valueStart + by,
    valueEnd: measurement.valueEnd + by,
    end: measurement.end + by,
    pair: measurement.pair && {...measurement.pair, start: measurement.pair.start + by, end: measurement.pair.end + by}
  }
}
