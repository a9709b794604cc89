// Loaded with `node --import` (see `withToday` in test/helpers/cli.ts): the
// process's clock runs from noon, local time, of SOP_LINT_TEST_TODAY
// (YYYY-MM-DD), so a test can be "on" a day — sop-lint's today, and what a
// plan must be as fresh as — whatever the date of the run.
const day = process.env.SOP_LINT_TEST_TODAY
if (day) {
  const RealDate = Date
  const offset = new RealDate(`${day}T12:00:00`).getTime() - RealDate.now()
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...args)
    }
    static now() {
      return RealDate.now() + offset
    }
  }
  globalThis.Date = ShiftedDate
}
