/** Where the rule pages are published; each rule's messages link its page. */
export const docsBaseUrl = 'https://github.com/sop-lint/sop-lint/blob/main/rules/'

export function ruleDocUrl(ruleId: string): string {
  return `${docsBaseUrl}${ruleId}.md`
}
