// Appends one line of totals per Jest run to $TEST_COUNTS_FILE, so that .ci/run can sum
// every run into its closing `tests: N passed, N failed` line.
import fs from 'node:fs';

export default class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TEST_COUNTS_FILE;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    fs.appendFileSync(file, `${results.numPassedTests} ${failed}\n`);
  }
}
