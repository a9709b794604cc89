/**
 * Writes the JSON Schema of sop-lint's options, generated from the zod schema
 * (the one source of truth), to dist/sop-lint.schema.json for editors and the
 * package's `sop-lint/schema.json` export.
 */
import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {configSchema} from '../src/engine/config.js'

const target = fileURLToPath(new URL('../sop-lint.schema.json', import.meta.url))
const schema = z.toJSONSchema(configSchema, {io: 'input', target: 'draft-2020-12'})
writeFileSync(target, `${JSON.stringify({...schema, title: 'sop-lint options'}, null, 2)}\n`)
