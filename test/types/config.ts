// Compiled by test/config-type.test.ts (tsc --noEmit): what `satisfies Config` accepts and rejects.
import remarkGfm from 'remark-gfm'
import sopLint, {type Config, type SopLintOptions} from '../../src/preset.js'

export const functionForm = {plugins: [[sopLint, {budget: {contextWindow: 400_000}}], remarkGfm]} satisfies Config
export const mapForm = {plugins: {'sop-lint': {rules: {'no-todo': 'off'}}, 'remark-gfm': {}}} satisfies Config
const options: SopLintOptions = {paths: {handoff: 'docs/HANDOFF.md'}}
export const nameForm = {
  settings: {bullet: '-'},
  plugins: ['remark-frontmatter', ['remark-lint-maximum-line-length', [1, 100]], ['sop-lint', options]]
} satisfies Config
export const bare = {plugins: [sopLint, 'sop-lint']} satisfies Config

// @ts-expect-error contextWindow is a number
export const badFunctionForm = {plugins: [[sopLint, {budget: {contextWindow: 'big'}}]]} satisfies Config
// @ts-expect-error no such rule
export const badMapForm = {plugins: {'sop-lint': {rules: {'no-such-rule': 'off'}}}} satisfies Config
// @ts-expect-error severities are error, warn or off
export const badSeverity = {plugins: [[sopLint, {rules: {'no-todo': 'loud'}}]]} satisfies Config
// @ts-expect-error plugins is a list or a map
export const badPlugins = {plugins: 'sop-lint'} satisfies Config
