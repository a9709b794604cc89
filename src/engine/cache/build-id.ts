/** Set by scripts/bundle.ts to a digest of the bundle it wrote. */
declare const SOP_LINT_BUILD_ID: string | undefined

/**
 * Which build of sop-lint this is: results one build stored are never taken
 * by another (its rules may say other things). A bare `tsc` build has none,
 * and stores no results.
 */
export const buildId: string | undefined = typeof SOP_LINT_BUILD_ID === 'string' ? SOP_LINT_BUILD_ID : undefined
