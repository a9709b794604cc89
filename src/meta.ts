import type {RuleId} from './config/schema.js'

/** Where the rule pages are published; each rule's message links its page. */
export const docsBaseUrl = 'https://github.com/sop-lint/sop-lint/blob/main/rules/'

export function ruleDocUrl(ruleId: RuleId): string {
  return `${docsBaseUrl}${ruleId}.md`
}
