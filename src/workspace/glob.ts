/**
 * A path glob as a regular expression: `**` matches any run of folders, `*`
 * anything but `/`, `?` one character but `/`. A glob without a wildcard
 * names a path and everything below it (`docs/System/methods`).
 */
export function globToRegExp(glob: string): RegExp {
  const plain = glob.replace(/^\.\//, '').replace(/\/+$/, '')
  if (!/[*?]/.test(plain)) return new RegExp(`^${escape(plain)}(?:/|$)`)
  let pattern = ''
  for (let index = 0; index < plain.length; index++) {
    const char = plain[index]!
    if (char === '*' && plain[index + 1] === '*') {
      // `a/**/b` also matches `a/b`; a trailing `**` matches everything below.
      const slash = plain[index + 2] === '/'
      pattern += slash ? '(?:.*/)?' : '.*'
      index += slash ? 2 : 1
    } else if (char === '*') {
      pattern += '[^/]*'
    } else if (char === '?') {
      pattern += '[^/]'
    } else {
      pattern += escape(char)
    }
  }
  return new RegExp(`^${pattern}$`)
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&')
}
