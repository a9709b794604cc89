/** Every rule on files that are not Markdown trees (the ledger CSV, `.feature` specs, file placement). */
import type {FileRule} from '../src/file-rule.js'
import flatDocs from './flat-docs.js'
import gherkin from './gherkin.js'

export const fileRules: FileRule[] = [gherkin, flatDocs]
