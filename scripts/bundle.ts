/**
 * Bundles with esbuild, in place, what tsc wrote to dist/:
 * - the CLI entry (dist/src/cli/main.js): the `sop-lint` binary and every
 *   test that spawns it run a few files instead of resolving and compiling
 *   hundreds of small ESM modules of the remark stack on each start (≈ 0.2 s
 *   of a pre-push hook, DESIGN §5). Code behind a dynamic `import()` goes to
 *   chunks beside it, loaded only when needed;
 * - the worker thread's entry (check-part.js), in one file of its own;
 * - the preset (dist/src/preset.js, the package's main export, which remark
 *   and every remark config that names sop-lint load) with the language
 *   server (dist/src/lsp/server.js), sharing chunks beside the preset: one
 *   copy of sop-lint's code, whichever loads it first. Their dependencies stay
 *   package imports, shared with the remark that loads the preset.
 * The package's other exports and the language server's entry stay tsc's
 * output.
 *
 * A bare `tsc -p .` writes the unbundled files again, which work the same,
 * only start slower; `npm run build` bundles. Bundling an already bundled
 * entry is skipped.
 */
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build, type BuildOptions, type Plugin} from 'esbuild'

const cliFolder = fileURLToPath(new URL('../src/cli/', import.meta.url))
const entry = path.join(cliFolder, 'main.js')
/** The worker thread's entry (src/cli/parallel-lint.ts). */
const workerEntry = path.join(cliFolder, 'check-part.js')
const marker = '// sop-lint: bundled by scripts/bundle.ts'
const chunkPrefix = 'bundle-'
const srcFolder = fileURLToPath(new URL('../src/', import.meta.url))
const presetEntries = [path.join(srcFolder, 'preset.js'), path.join(srcFolder, 'lsp', 'server.js')]
const presetChunkPrefix = 'preset-'
/** Stands for the build id in the bundle until the digest of the bundle replaces it (same length). */
const buildIdPlaceholder = 'sop-lint-build-id-placeholder-0000000000'

/**
 * zod's namespace object drags every locale of its messages in (≈ 360 KB of
 * the ≈ 1.9 MB bundle, read at each start); sop-lint writes its own messages
 * and zod uses English, the one locale kept.
 */
const onlyEnglishZodLocale: Plugin = {
  name: 'only-english-zod-locale',
  setup(build) {
    build.onLoad({filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/}, (args) => ({
      contents: `export {default as en} from './en.js'\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js'
    }))
  }
}

/**
 * jsonc-parser's `main` is a UMD build whose factory requires its parts by
 * relative name at run time, which a bundle cannot follow; its ES module
 * build (`module`) bundles as written.
 */
const jsoncParserAsModule: Plugin = {
  name: 'jsonc-parser-as-module',
  setup(build) {
    build.onResolve({filter: /^jsonc-parser$/}, async (args) => {
      const main = await build.resolve('jsonc-parser/lib/esm/main.js', {kind: args.kind, resolveDir: args.resolveDir})
      return {path: main.path}
    })
  }
}

async function bundleCli(): Promise<void> {
  const text = readFileSync(entry, 'utf8')
  if (text.includes(marker)) {
    process.stdout.write('bundle: dist/src/cli/main.js is already bundled (run tsc first to rebuild it)\n')
    return
  }
  for (const name of readdirSync(cliFolder)) if (name.startsWith(chunkPrefix)) rmSync(path.join(cliFolder, name))
  const shared = {
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // jiti loads a `.remarkrc.ts` (rare, and heavy): it stays a package import, resolved when needed.
    external: ['jiti'],
    // CommonJS dependencies (@cucumber/gherkin) call `require` for Node's modules. Where Node
    // has a compile cache (22.1+), the chunks loaded after the entry are compiled once, not per run.
    banner: {
      js: [
        marker,
        `import __sopLintModule from 'node:module';`,
        `const require = __sopLintModule.createRequire(import.meta.url);`,
        // write-file-atomic names its temporary files after \`__filename\`: without it every --fix write fails.
        `import {fileURLToPath as __sopLintPath} from 'node:url';`,
        `const __filename = __sopLintPath(import.meta.url);`,
        `try { __sopLintModule.enableCompileCache?.() } catch {}`
      ].join('\n')
    },
    plugins: [onlyEnglishZodLocale, jsoncParserAsModule],
    // Cached check results are keyed by it (src/engine/cache/build-id.ts).
    define: {SOP_LINT_BUILD_ID: JSON.stringify(buildIdPlaceholder)},
    // Smaller to read and compile at each start; names are kept, for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true
  } satisfies BuildOptions
  // The worker thread's entry is a bundle of its own, in one file: a worker loads every module anew anyway,
  // and, as an entry of the CLI's build, it would split the code the hooks share into more chunks to read.
  const [cli, worker] = await Promise.all([
    build({
      ...shared,
      entryPoints: [entry],
      outdir: cliFolder,
      entryNames: '[name]',
      chunkNames: `${chunkPrefix}[hash]`,
      splitting: true
    }),
    build({...shared, entryPoints: [workerEntry], outfile: workerEntry})
  ])
  const outputs = [...Object.entries(cli.metafile.outputs), ...Object.entries(worker.metafile.outputs)]
  stampBuildId(outputs.map(([file]) => path.resolve(file)))
  const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0)
  process.stdout.write(
    `bundle: dist/src/cli/main.js, check-part.js and ${outputs.length - 2} chunks, ${Math.round(bytes / 1024)} KiB\n`
  )
}

/** Replaces the placeholder with a digest of every file of the bundle: another build, another id. */
function stampBuildId(files: readonly string[]): void {
  const digest = createHash('sha1')
  for (const file of [...files].sort()) digest.update(readFileSync(file))
  const id = digest.digest('hex')
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    if (text.includes(buildIdPlaceholder)) writeFileSync(file, text.replaceAll(buildIdPlaceholder, id))
  }
}

/** The preset and the language server, their packages left to Node to resolve (see the module comment). */
async function bundlePreset(): Promise<void> {
  if (readFileSync(presetEntries[0]!, 'utf8').includes(marker)) {
    process.stdout.write('bundle: dist/src/preset.js is already bundled (run tsc first to rebuild it)\n')
    return
  }
  for (const name of readdirSync(srcFolder)) if (name.startsWith(presetChunkPrefix)) rmSync(path.join(srcFolder, name))
  const result = await build({
    entryPoints: presetEntries,
    outdir: srcFolder,
    outbase: srcFolder,
    entryNames: '[dir]/[name]',
    chunkNames: `${presetChunkPrefix}[hash]`,
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    banner: {js: marker},
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true
  })
  const outputs = Object.values(result.metafile.outputs)
  const bytes = outputs.reduce((sum, output) => sum + output.bytes, 0)
  process.stdout.write(
    `bundle: dist/src/preset.js, lsp/server.js and ${outputs.length - 2} chunk${outputs.length === 3 ? '' : 's'}, ${Math.round(bytes / 1024)} KiB\n`
  )
}

// The CLI first: its engine imports the preset as tsc wrote it.
await bundleCli()
await bundlePreset()
