/** One line of at most `length` characters, for quoting a title in a message. */
export function clip(text: string, length = 50): string {
  const line = text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}
