/**
 * "Did you mean …?" for a mistyped option, command or rule id, as git does
 * it: the known words nearest to what was typed by edit distance (a swap of
 * two neighbouring letters counts as one edit), when they are near enough to
 * be a slip rather than another word.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const columns = b.length + 1
  const table: number[][] = Array.from({length: rows}, (_, row) =>
    Array.from({length: columns}, (_, column) => (row === 0 ? column : column === 0 ? row : 0))
  )
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1
      let best = Math.min(
        table[row - 1]![column]! + 1,
        table[row]![column - 1]! + 1,
        table[row - 1]![column - 1]! + cost
      )
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1])
        best = Math.min(best, table[row - 2]![column - 2]! + 1)
      table[row]![column] = best
    }
  }
  return table[a.length]![b.length]!
}

/**
 * The known words nearest to `typed`, best first: those within a third of its
 * length in edits (at least one, at most three), or that start with it, or
 * that it starts with (`warning` for `warn`).
 */
export function nearest(typed: string, known: Iterable<string>): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)))
  const scored = [...new Set(known)]
    .map((word) => ({word, distance: editDistance(typed.toLowerCase(), word.toLowerCase())}))
    .filter(
      ({word, distance}) =>
        distance <= limit ||
        (typed.length >= 3 && word.startsWith(typed)) ||
        (word.length >= 3 && typed.startsWith(word))
    )
  const best = Math.min(...scored.map(({distance}) => distance))
  return scored.filter(({distance}) => distance === best).map(({word}) => word)
}

/** `; did you mean X?` (or `X or Y`), or `''` when nothing is near. */
export function didYouMean(
  typed: string,
  known: Iterable<string>,
  show: (word: string) => string = (word) => word
): string {
  const words = nearest(typed, known).map(show)
  if (words.length === 0) return ''
  const listed = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
  return `; did you mean ${listed}?`
}
