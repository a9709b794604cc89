// A vfile reporter for `remark --report <this file>`: every message as data, so
// tests compare what stock remark reports with what sop-lint reports.
export default function report(files) {
  const result = files.map((file) => ({
    path: file.path,
    messages: file.messages.map((message) => ({
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal,
      place: message.place,
      reason: message.reason,
      expected: message.expected,
      url: message.url
    }))
  }))
  return JSON.stringify(result)
}
