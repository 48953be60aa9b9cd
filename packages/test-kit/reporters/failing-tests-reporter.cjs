/**
 * Prints one line per failing test (file › describe › name) as the very last output of a run, so a CI log
 * says what failed without scrolling through thousands of lines. Suites that failed to run are listed too.
 */
class FailingTestsReporter {
  onRunComplete(_contexts, results) {
    const lines = [];
    for (const file of results.testResults) {
      const rel = require("node:path").relative(process.cwd(), file.testFilePath);
      if (file.testExecError) lines.push(`  ✕ ${rel} (suite failed to run: ${String(file.testExecError.message).split("\n")[0]})`);
      for (const t of file.testResults) {
        if (t.status === "failed") lines.push(`  ✕ ${rel} › ${t.fullName}`);
      }
    }
    if (lines.length === 0) return;
    process.stderr.write(`\nFailing tests (${lines.length}):\n${lines.join("\n")}\n`);
  }
}
module.exports = FailingTestsReporter;
