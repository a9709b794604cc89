/** Every rule on files that are not Markdown trees (the ledger CSV, `.feature` specs, file placement). */
import type {FileRule} from '../src/file-rule.js'

export const fileRules: FileRule[] = []
