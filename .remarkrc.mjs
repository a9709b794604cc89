// Stock remark tools (remark-cli, the language server) skip `.remarkrc.ts`:
// this file hands them the typed config. Edit `.remarkrc.ts`, not this file.
import {loadTypeScriptConfig} from 'sop-lint/config'

export default await loadTypeScriptConfig(new URL('.remarkrc.ts', import.meta.url))
