/** A word for sh: as it is when it holds only safe characters, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w./@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}
