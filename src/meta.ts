import type {RuleId} from './config/schema.js'
import {repositoryWebUrl} from './package-manifest.js'

/** Where the rule pages are published, in the repository package.json names; each rule's message links its page. */
export function docsBaseUrl(): string {
  return `${repositoryWebUrl()}/blob/main/rules/`
}

export function ruleDocUrl(ruleId: RuleId): string {
  return `${docsBaseUrl()}${ruleId}.md`
}
