import {readSync} from 'node:fs'
import {isatty} from 'node:tty'
import {UsageError} from '../config/errors.js'
import {checkPush, type PushCheck, type PushedRef} from '../engine/check-push.js'
import {GitRepository} from '../git/repository.js'
import {isNullOid} from '../git/run.js'
import {sleepSync} from '../git/sleep-sync.js'
import {describeErrno} from '../rule/words.js'
import {today} from './clock.js'
import {parseOptions} from './options.js'
import {monorepoPushVerdict} from './monorepo-push.js'
import {pushAdvice} from './push-advice.js'
import {suppressedLine} from './suppressed-line.js'
import {describeCommit, describeRef, describeRefs, ledgerRowsAdvice, reportSection} from './push-words.js'
import {findRoot, gitTopLevel} from './root.js'
import {hookOptions as options} from './commands/hook.js'

/** Parses git's pre-push lines; a deleted ref (local oid all zeros, 40 or 64 of them) is kept and flagged by {@link isDeletion}. */
export function parsePushLines(text: string): PushedRef[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = line.trim().split(/\s+/)
      const [localRef, localOid, remoteRef, remoteOid] = fields
      if (
        fields.length !== 4 ||
        !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(localOid!) ||
        !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(remoteOid!)
      ) {
        throw new UsageError(
          `hook pre-push: cannot read the line “${line}” (expected <local ref> <local oid> <remote ref> <remote oid>, as git writes)`
        )
      }
      return {localRef: localRef!, localOid: localOid!, remoteRef: remoteRef!, remoteOid: remoteOid!}
    })
}

export function isDeletion(ref: PushedRef): boolean {
  return isNullOid(ref.localOid)
}

export async function runHook(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint hook pre-push')
  // git passes the remote's name and URL as arguments; they are not needed.
  void positionals
  const pushed = parsePushLines(readStdin()).filter((ref) => !isDeletion(ref))
  if (pushed.length === 0) return 0
  const topLevel = values.root === undefined ? gitTopLevel() : undefined
  const root = topLevel ?? findRoot(values.root)
  // At git's top level the workspace is the repository's root folder: git need not be asked where it lies.
  const repository = new GitRepository(root, {prefix: topLevel === undefined ? undefined : ''})
  try {
    const cwd = process.cwd()
    const options = {cwd, cache: !values['no-cache'], date: today()}
    // A monorepo's push judges the workspaces it changes; a repository of one workspace is judged whole.
    const verdict =
      repository.prefix === ''
        ? await monorepoPushVerdict(repository, pushed, {...options, color: values.color})
        : undefined
    if (verdict) {
      process.stderr.write(verdict.output)
      return verdict.blocked ? 1 : 0
    }
    const check = await checkPush(root, pushed, {...options, repository})
    process.stderr.write(await describePush(check, cwd, values.color))
    return check.tips.length > 0 || check.earlier.length > 0 ? 1 : 0
  } finally {
    repository.close()
  }
}

/**
 * What the hook prints: refs that name no commit, and for a blocked push what
 * is wrong per ref (a tip's errors, an earlier commit's formula rows) and how
 * to fix it.
 */
async function describePush(check: PushCheck, cwd: string, colorChoice: boolean | undefined): Promise<string> {
  const notes = [
    ...check.unknown.map((ref) => `sop-lint: ${describeRef(ref)} does not point at a commit; not checked\n`),
    ...check.beforeAdoption.map(
      ({commit, refs, adoptedOn}) =>
        `sop-lint: ${describeRefs(refs)} — commit ${describeCommit(commit)} was made before sop-lint was adopted on ${adoptedOn} (hook.adoptedOn): not checked, since no plan written now could change it\n`
    )
  ]
  if (check.tips.length === 0 && check.earlier.length === 0) return notes.join('')
  const section = async (heading: string, files: PushCheck['earlier'][number]['files'], after = '') =>
    `${heading}:\n${await reportSection(files, check.root, cwd, colorChoice)}${after}`
  const fixes = new Set<string>()
  const blocked = [
    ...(await Promise.all(
      check.tips.map((tip) => {
        const advice = pushAdvice(tip)
        fixes.add(advice.fix)
        const baseline = suppressedLine(tip.suppressed)
        const said = advice.notes.map((note) => `${note}\n`).join('')
        return section(
          `${describeRefs(tip.refs)} — commit ${describeCommit(tip.commit)}`,
          tip.files,
          `${baseline}${said}`
        )
      })
    )),
    ...(await Promise.all(
      check.earlier.map(({commit, tip, refs, files}) =>
        section(
          `${describeRefs(refs)} — commit ${describeCommit(commit)}, pushed before ${tip.oid.slice(0, 10)}`,
          files
        )
      )
    ))
  ]
  const why = [
    check.tips.length > 0 ? 'the plan in what you push is missing or has errors' : '',
    check.earlier.length > 0 ? 'a commit you push adds a ledger row that a spreadsheet would run as a formula' : ''
  ]
  return [
    ...notes,
    `sop-lint: push blocked: ${why.filter(Boolean).join('; ')} (checked in the commits, not the working tree).\n\n`,
    blocked.join('\n'),
    check.tips.length > 0 ? `\n${[...fixes].join('\n')}\n` : '',
    check.earlier.length > 0 ? ledgerRowsAdvice : ''
  ].join('')
}

/**
 * Standard input to its end: git writes one line per ref, and may still be
 * writing when the hook starts (a push of many refs fills more than a pipe
 * holds). \`process.stdin\` is never touched: Node would make the pipe
 * non-blocking, and a read would then fail while git is still writing.
 * Should the descriptor be non-blocking all the same (another process may
 * have made it so), the read waits for git and goes on. A read that fails
 * is an error, never "nothing to push". A terminal (someone running the hook
 * by hand) is nothing to push.
 */
function readStdin(): string {
  if (isatty(0)) return ''
  const chunks: Buffer[] = []
  const buffer = Buffer.allocUnsafe(1 << 16)
  let delay = 1
  for (;;) {
    let count: number
    try {
      count = readSync(0, buffer, 0, buffer.length, null)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EAGAIN') {
        sleepSync(delay)
        delay = Math.min(delay * 2, 50)
        continue
      }
      // Windows says EOF where POSIX reads 0 bytes.
      if (code === 'EOF') break
      throw new UsageError(
        `hook pre-push: cannot read the refs git writes on standard input (${describeErrno(error)}): nothing was checked, so the push is blocked; push again, or report this if it persists`
      )
    }
    if (count === 0) break
    chunks.push(Buffer.from(buffer.subarray(0, count)))
    delay = 1
  }
  return Buffer.concat(chunks).toString('utf8')
}
