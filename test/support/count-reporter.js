// A jest reporter that prints the plain closing line "N passed, N failed" (and adds the counts to
// $AVIARY_TEST_COUNTS when set, so that .ci/run can total several jest runs).
const fs = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\njest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    if (process.env.AVIARY_TEST_COUNTS)
      fs.appendFileSync(process.env.AVIARY_TEST_COUNTS, `${passed} ${failed} ${skipped}\n`);
  }
}

module.exports = CountReporter;
