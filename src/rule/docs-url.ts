import {repositoryWebUrl} from '../config/package-manifest.js'

/** Where the rule pages are published, in the repository package.json names; each rule's messages link its page. */
export function docsBaseUrl(): string {
  return `${repositoryWebUrl()}/blob/main/rules/`
}

export function ruleDocUrl(ruleId: string): string {
  return `${docsBaseUrl()}${ruleId}.md`
}
