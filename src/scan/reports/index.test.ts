import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatForFile, isScanReportFormat, SCAN_REPORT_FORMATS, type ScanReportFormat } from './index.js';
import { completeFixtureReport, fixtureReport } from './report-fixture.js';

describe('scan report formats', () => {
  it('registers every format once', () => {
    assert.deepEqual(Object.keys(SCAN_REPORT_FORMATS).sort(), ['html', 'json', 'junit', 'sarif', 'text']);
    assert.ok(isScanReportFormat('junit'));
    assert.ok(!isScanReportFormat('toString') && !isScanReportFormat('xml'));
  });

  for (const [name, render] of Object.entries(SCAN_REPORT_FORMATS)) {
    it(`${name}: renders the partial and the complete report, the same way every time, ending with a newline`, () => {
      for (const report of [fixtureReport(), completeFixtureReport(), { ...completeFixtureReport(), findings: [], checks: [] }]) {
        const first = render(report, { base: '/project' });
        assert.ok(first.length > 0 && first.endsWith('\n'));
        assert.equal(render(structuredClone(report), { base: '/project' }), first);
      }
    });
  }

  it('picks the format from the output file extension', () => {
    const cases: [string, ScanReportFormat][] = [
      ['out/report.json', 'json'], ['report.sarif', 'sarif'], ['report.SARIF.json', 'sarif'], ['junit.xml', 'junit'],
      ['report.html', 'html'], ['report.htm', 'html'], ['report.txt', 'text'], ['report', 'text'], ['json', 'text'],
    ];
    for (const [path, format] of cases) assert.equal(formatForFile(path), format, path);
  });

  it('colours the text format only when asked', () => {
    assert.ok(!SCAN_REPORT_FORMATS.text(fixtureReport(), {}).includes('\u001b['));
    assert.ok(SCAN_REPORT_FORMATS.text(fixtureReport(), { color: true }).includes('\u001b['));
  });
});
