// ESLint for sop-lint's own TypeScript: typescript-eslint's recommended rules,
// and the layer order of docs/architecture.md, enforced with no-restricted-imports:
//
//   cli, lsp → engine → rules → plan, ledger, workspace, markdown, tokens → git, config
//
// A layer imports only the layers below it. Outside rules/, only the list
// rules/index.js is imported, never a single rule (the engine's one exception:
// plan-fresh's judgement of a commit, which the pre-push hook runs without
// loading every rule). `npm run lint` runs it; so does `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** A restriction for import specifiers that match `regex`, with the reason a person reads. */
const forbid = (regex, message) => ({regex, message})

const layers = {
  cli: forbid('(^|/)lsp/', 'the command line does not import the language server (they stand side by side)'),
  lsp: forbid('(^|/)cli/', 'the language server does not import the command line (they stand side by side)'),
  engine: forbid(
    '(^|/)(cli|lsp)/',
    'the engine does not import the command line or the language server: it is below them'
  ),
  aRule: forbid(
    '(^|/)rules/(?!index\\.js$)',
    'import the rule list rules/index.js, not a single rule: a rule is reached through the list (docs/architecture.md)'
  ),
  rules: forbid(
    '(^|/)(cli|lsp|engine)/|(^|/)preset\\.js$',
    'rules do not import the engine or the command line: they are below them'
  ),
  domain: forbid(
    '(^|/)(cli|lsp|engine|rule|rules)/|(^|/)preset\\.js$',
    'plan, ledger, workspace, markdown and tokens are below the rules and the engine: they do not import them'
  ),
  base: forbid(
    '(^|/)(cli|lsp|engine|rule|rules|plan|ledger|workspace|markdown|tokens)/|(^|/)preset\\.js$',
    'git and config are the bottom layer: they import nothing of sop-lint above them'
  ),
  siblingRule: forbid(
    '^\\./(?!_shared/|[a-z-]+/)[a-z-]+\\.js$',
    'a rule does not import another rule: move what they share to rules/_shared/'
  ),
  ruleFromShared: forbid('^\\.\\./[a-z-]+\\.js$', 'rules/_shared/ holds what rules share: it imports no rule')
}

/** no-restricted-imports with these patterns, for the files given. */
const restrict = (files, ...patterns) => ({files, rules: {'no-restricted-imports': ['error', {patterns}]}})

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'fixtures/', 'coverage/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The config files in JavaScript run on Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {globals: {URL: 'readonly', process: 'readonly', console: 'readonly'}}
  },
  {
    rules: {
      // Unused names are tsc's to report (noUnusedLocals, noUnusedParameters); `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_'}
      ],
      // `as` casts across unified's and mdast's types are how their plugins are written.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', {allowEmptyCatch: true}]
    }
  },
  restrict(['src/cli/**'], layers.cli, layers.aRule),
  restrict(['src/lsp/**'], layers.lsp, layers.aRule),
  restrict(['src/engine/**', 'src/preset.ts'], layers.engine, layers.aRule),
  // The pre-push hook judges a commit's date with plan-fresh's own judgement, without loading every rule.
  restrict(
    ['src/engine/commit-check.ts', 'src/engine/check-source.ts'],
    layers.engine,
    forbid('(^|/)rules/(?!index\\.js$|plan-fresh\\.js$)', layers.aRule.message)
  ),
  restrict(['src/rule/**'], layers.rules, layers.aRule),
  restrict(['rules/*.ts'], layers.rules, layers.siblingRule),
  restrict(['rules/index.ts'], layers.rules),
  restrict(['rules/_shared/**', 'rules/*/**'], layers.rules, layers.ruleFromShared),
  restrict(['src/plan/**', 'src/ledger/**', 'src/workspace/**', 'src/markdown/**', 'src/tokens/**'], layers.domain),
  restrict(['src/git/**', 'src/config/**'], layers.base)
)
