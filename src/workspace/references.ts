/** Whether a document is one of the SOP references: a listed file, or a file in a listed folder (`paths.references`). */
export function isReference(documentPath: string, references: readonly string[]): boolean {
  return references.some((reference) => {
    const entry = reference.replace(/\/+$/, '').replace(/^\.\//, '')
    return documentPath === entry || documentPath.startsWith(`${entry}/`)
  })
}
