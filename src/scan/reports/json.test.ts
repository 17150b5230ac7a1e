import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanReport } from '../scan-report.js';
import { renderScanJson, SCAN_JSON_FORMAT } from './json.js';
import { fixtureReport } from './report-fixture.js';

describe('scan JSON report', () => {
  const text = renderScanJson(fixtureReport());

  it('is the whole report, named by its format, indented by two spaces and ending with a newline', () => {
    assert.ok(text.startsWith('{\n  "format": "bulwark-scan/v1",\n  "tool": {'));
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    const { format, tool: _tool, ...parsed } = JSON.parse(text) as ScanReport & { format: string; tool: unknown };
    assert.equal(format, SCAN_JSON_FORMAT);
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(fixtureReport())));
  });

  it('writes fields in one order whatever order the report was built in', () => {
    const report = fixtureReport();
    const reordered = Object.fromEntries(Object.entries(report).reverse()) as unknown as ScanReport;
    const findings = report.findings.map((finding) => Object.fromEntries(Object.entries(finding).reverse()) as unknown as typeof finding);
    assert.equal(renderScanJson({ ...reordered, findings }), text);
  });

  it('leaves out what the report does not have, and escapes bidi characters without changing values', () => {
    const parsed = JSON.parse(text) as { findings: { evidence: { response?: unknown; error?: string }[] }[]; checks: { note?: string }[] };
    assert.equal(parsed.findings[3]?.evidence[0]?.response, undefined);
    assert.equal(parsed.findings[3]?.evidence[0]?.error, 'timeout after 10000 ms');
    assert.ok(!('note' in (parsed.checks[0] ?? {})));
    assert.ok(!text.includes('\u202e') && text.includes('\\u202e'));
  });
});
