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
import {appendToEntry, newestEntry} from '../src/cross-file/entries.js'
import {captureTemplate, readStatusCapture, windowNames, type Measurement} from '../src/cross-file/status-capture.js'
import {clip} from '../src/markdown/clip.js'
import {defineRule} from '../src/rule.js'

export default defineRule('status-capture', ({tree, file, config, path: filePath, report}) => {
  const progress = filePath === config.paths.progress
  // The handoff may hold captures too: each is checked for what it says, none is required there.
  if (!progress && filePath !== config.paths.handoff) return
  const source = String(file.value)
  const entry = progress ? newestEntry(tree) : undefined
  const from = entry?.heading.position?.start.offset ?? 0
  const to = entry && !entry.last ? entry.blocks.at(-1)!.position!.end.offset! : source.length
  const measurements = readStatusCapture(source.slice(from, to), config).map((measurement) => shift(measurement, from))
  const place = location(source)
  const span = (start: number, end: number) => ({start: place.toPoint(start)!, end: place.toPoint(end)!})
  const where = entry ? `the newest entry (“${clip(toString(entry.heading))}”)` : `\`${filePath}\``

  if (measurements.length === 0) {
    if (!progress) return
    const insertion = appendToEntry(tree, source, entry, captureTemplate(config))
    report(
      `No \`/status\` capture in ${where}: record the context, 5h and weekly percentages (procedure step 1)`,
      insertion.point,
      {expected: insertion.expected}
    )
    return
  }

  const tolerance = config.crossFile.statusTolerance
  for (const measurement of measurements) {
    const name = windowNames[measurement.window]
    const at = span(measurement.valueStart, measurement.valueEnd)
    // “weekly limit not in the logs”: a figure the logs cannot give (Claude Code's), said so.
    if (measurement.missing) continue
    if (measurement.value === undefined) {
      report(`\`/status\` capture: fill in the ${name} percentage (\`${measurement.valueText}\`) from the \`/status\` pane`, at)
      continue
    }
    const pair = measurement.pair
    if (pair && pair.start === measurement.valueStart) {
      // A pair alone (“context 209K/272K”) says what is used; it can only overflow.
      if (pair.used > pair.total) report(`\`/status\` capture: ${name} ${pair.text} uses more than the window`, at)
      continue
    }
    if (measurement.value < 0 || measurement.value > 100) {
      report(`\`/status\` capture: ${name} ${measurement.valueText} is not a percentage between 0 and 100`, at)
      continue
    }
    if (!pair) continue
    const used = (pair.used / pair.total) * 100
    const usedText = `${Math.round(used)}% used`
    const leftText = `${Math.round(100 - used)}% left`
    const matchesUsed = Math.abs(measurement.value - used) <= tolerance
    const matchesLeft = Math.abs(measurement.value - (100 - used)) <= tolerance
    const figures = `${pair.text} is ${usedText}, ${leftText}`
    const whole = span(Math.min(measurement.valueStart, pair.start), Math.max(measurement.valueEnd, pair.end))
    if (pair.used > pair.total) {
      report(`\`/status\` capture: ${name} ${pair.text} uses more than the window`, span(pair.start, pair.end))
    } else if (measurement.direction === 'used' && !matchesUsed) {
      report(`\`/status\` capture contradicts itself: ${name} ${measurement.valueText} used, but ${figures}`, whole)
    } else if (measurement.direction === 'left' && !matchesLeft) {
      report(`\`/status\` capture contradicts itself: ${name} ${measurement.valueText} left, but ${figures}`, whole)
    } else if (measurement.direction === undefined) {
      if (matchesLeft !== matchesUsed) {
        const direction = matchesLeft ? 'left' : 'used'
        report(
          `\`/status\` capture: say whether ${name} ${measurement.valueText} is used or left — ${figures}, so write “${measurement.valueText} ${direction}”`,
          at,
          {expected: `${measurement.valueText} ${direction}`}
        )
      } else if (!matchesLeft) {
        report(`\`/status\` capture contradicts itself: ${name} ${measurement.valueText}, but ${figures}; say which the percentage is`, whole)
      } else {
        report(`\`/status\` capture: say whether ${name} ${measurement.valueText} is used or left (${figures})`, at)
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
    report(
      `\`/status\` capture in ${where} has no ${windowNames[window]} percentage: add “${label} N% used” (only the 5h window may be missing)`,
      // The last figure read, replaced by itself and the missing one (a point at its end may be the end of the file's last block).
      span(last.valueStart, last.end),
      {expected: `${source.slice(last.valueStart, last.end)}, ${label} ${placeholder}% used`}
    )
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
