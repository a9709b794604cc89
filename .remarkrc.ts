// How this repository's own Markdown (README, rule pages, docs/) is linted:
// `npm run lint:docs`. Stock remark tools read it through `.remarkrc.mjs`.
import type {Config} from 'sop-lint'

export default {
  plugins: ['remark-preset-lint-recommended']
} satisfies Config
