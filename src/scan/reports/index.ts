// The scan report formats, by the name `bulwark scan --format` takes, and the format an output file's
// extension asks for. The public surface of src/scan/reports.
import type { ScanReport } from '../scan-report.js';
import { renderScanHtml } from './html.js';
import { renderScanJson } from './json.js';
import { renderScanJunit } from './junit.js';
import { renderScanSarif } from './sarif.js';
import { renderScanText } from './text.js';

export { curlOf } from './curl.js';
export { SCAN_JSON_FORMAT } from './json.js';

export type ScanReportFormat = 'text' | 'json' | 'sarif' | 'junit' | 'html';

export interface ScanReportOptions {
  /** ANSI colours in the text format. */
  readonly color?: boolean;
  /** SARIF: the directory the document path is written relative to (default: the working directory). */
  readonly base?: string;
}

export type ScanReportRenderer = (report: ScanReport, options: ScanReportOptions) => string;

export const SCAN_REPORT_FORMATS: Readonly<Record<ScanReportFormat, ScanReportRenderer>> = {
  text: (report, options) => renderScanText(report, { color: options.color ?? false }),
  json: (report) => renderScanJson(report),
  sarif: (report, options) => renderScanSarif(report, options.base === undefined ? {} : { base: options.base }),
  junit: (report) => renderScanJunit(report),
  html: (report) => renderScanHtml(report),
};

export function isScanReportFormat(name: string): name is ScanReportFormat {
  return Object.hasOwn(SCAN_REPORT_FORMATS, name);
}

/** `.sarif` and `.sarif.json` before `.json`; JUnit is the XML CI systems read; anything else is text. */
const BY_EXTENSION: readonly (readonly [string, ScanReportFormat])[] = [
  ['.sarif', 'sarif'], ['.sarif.json', 'sarif'], ['.json', 'json'], ['.xml', 'junit'], ['.html', 'html'], ['.htm', 'html'],
];

export function formatForFile(path: string): ScanReportFormat {
  const lower = path.toLowerCase();
  return BY_EXTENSION.find(([extension]) => lower.endsWith(extension))?.[1] ?? 'text';
}
