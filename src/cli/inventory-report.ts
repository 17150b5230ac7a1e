// How `bulwark discover` and `bulwark inventory` print an inventory: a table worst risk first, one
// operation in detail, the comparison with documents, and the OpenAPI export written as YAML or JSON.
import { writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { stringify } from 'yaml';
import { BulwarkError } from '../core/errors.js';
import type { ApiModel } from '../contract/index.js';
import { compareWithDocuments, documentsOfConfig, loadDocuments, riskScore, type DocumentComparison, type OperationView } from '../discovery/index.js';
import { loadGatewayConfig } from '../gateway/index.js';
import { escapeUnsafe, formatTable } from './terminal-text.js';

export interface InventoryRow {
  readonly view: OperationView;
  readonly status?: string;
  readonly risk: number;
}

export function inventoryRows(views: readonly OperationView[], comparison?: DocumentComparison): InventoryRow[] {
  const statusOf = new Map(comparison?.operations.map((each) => [each.view, each.zombieReason === undefined ? each.status : `zombie (${each.zombieReason})`]));
  const plain = new Map(comparison?.operations.map((each) => [each.view, each.status]));
  return views.map((view) => ({ view, ...(statusOf.has(view) ? { status: statusOf.get(view)! } : {}), risk: riskScore(view, plain.get(view)).score }))
    .sort((left, right) => right.risk - left.risk || left.view.template.localeCompare(right.view.template) || left.view.method.localeCompare(right.view.method));
}

/** The documents a command compares with: --openapi files and the -c config's routes' documents, and --previous versions. */
export interface ComparedDocuments {
  readonly current: readonly ApiModel[];
  readonly previous: readonly ApiModel[];
}

export async function loadComparedDocuments(options: { openapi?: string[]; previous?: string[]; config?: string }): Promise<ComparedDocuments> {
  const fromConfig = options.config === undefined ? [] : await documentsOfConfig(loadGatewayConfig(options.config), dirname(resolvePath(options.config)));
  return { current: [...await loadDocuments(options.openapi ?? []), ...fromConfig], previous: await loadDocuments(options.previous ?? []) };
}

/** The comparison, or undefined when there is no current document to compare with. */
export function compareViews(views: readonly OperationView[], documents: ComparedDocuments): DocumentComparison | undefined {
  return documents.current.length > 0 ? compareWithDocuments(views, documents.current, { previous: documents.previous }) : undefined;
}

/** The rows as JSON: each operation with its risk and, when compared, its documented status. */
export function inventoryJson(rows: readonly InventoryRow[]): unknown[] {
  return rows.map((row) => ({ ...row.view, risk: row.risk, ...(row.status !== undefined ? { documented: row.status } : {}) }));
}

export function inventoryTable(rows: readonly InventoryRow[]): string {
  const hasStatus = rows.some((row) => row.status !== undefined);
  const titles = ['RISK', 'METHOD', 'PATH', 'HOST', 'CALLS', 'STATUSES', 'AUTH', 'SENSITIVE', ...(hasStatus ? ['DOCUMENTED'] : []), 'LAST SEEN'];
  const lines = rows.map(({ view, status, risk }) => [
    String(risk), view.method, view.template, view.host || '-', String(view.calls), statusSummary(view.statuses), authSummary(view),
    sensitiveSummary(view), ...(hasStatus ? [status ?? '-'] : []), view.lastSeen.slice(0, 19).replace('T', ' '),
  ].map((cell) => escapeUnsafe(cell)));
  return `${formatTable([titles, ...lines]).join('\n')}\n`;
}

function statusSummary(statuses: Readonly<Record<string, number>>): string {
  return Object.entries(statuses).sort(([left], [right]) => left.localeCompare(right)).map(([status, count]) => `${status}×${count}`).join(' ');
}

function authSummary(view: OperationView): string {
  const kinds = view.auth.map((auth) => (auth.kind === 'api-key' ? `api-key(${auth.in} ${auth.name})` : auth.kind));
  if (view.unauthenticatedCalls > 0) kinds.push(view.unauthenticatedCalls === view.calls ? 'none' : `none×${view.unauthenticatedCalls}`);
  return kinds.join(', ') || '-';
}

function sensitiveSummary(view: OperationView): string {
  return [...new Set(view.sensitive.flatMap((field) => field.types))].sort().join(', ') || '-';
}

/** One operation in detail: parameters, bodies, auth, sensitive fields (masked), risk reasons, drift. */
export function operationDetail(view: OperationView, comparison?: DocumentComparison): string {
  const compared = comparison?.operations.find((each) => each.view === view);
  const risk = riskScore(view, compared?.status);
  const out: string[] = [`${view.method} ${view.host}${view.template}`, `  calls ${view.calls}, first seen ${view.firstSeen}, last seen ${view.lastSeen}, consumers ${view.consumers}${view.consumersCapped ? '+' : ''}`];
  out.push(`  statuses: ${statusSummary(view.statuses)}`, `  auth: ${authSummary(view)}`);
  for (const auth of view.auth.filter((each) => each.issuers.length > 0 || each.scopes.length > 0)) out.push(`    ${auth.kind}: issuers ${auth.issuers.join(', ') || '-'}; scopes ${auth.scopes.join(' ') || '-'}`);
  if (compared !== undefined) out.push(`  documented: ${compared.status}${compared.zombieReason ? ` (${compared.zombieReason})` : ''}${compared.documented ? ` as ${compared.documented.operationId ?? compared.documented.template} in ${compared.documented.source}` : ''}`);
  out.push(`  risk ${risk.score}`, ...risk.reasons.map((reason) => `    +${reason.points} ${reason.reason} (${reason.owasp})`));
  out.push('  parameters:');
  for (const parameter of view.parameters) out.push(`    ${parameter.in} ${parameter.name}${parameter.required ? ' (always)' : ''}: ${JSON.stringify(parameter.schema)}`);
  for (const body of view.requestBodies) out.push(`  request ${body.contentType} ×${body.calls}: ${body.schema ? JSON.stringify(body.schema) : '(not parsed)'}`);
  for (const response of view.responses) out.push(`  response ${response.status} ${response.contentType || '(no body)'} ×${response.calls}${response.schema ? `: ${JSON.stringify(response.schema)}` : ''}`);
  if (view.sensitive.length > 0) out.push('  sensitive:');
  for (const field of view.sensitive) out.push(`    ${field.direction} ${field.in} ${field.name}: ${field.types.join(', ')} e.g. ${field.masked} (×${field.calls})`);
  for (const parameter of compared?.shadowParameters ?? []) out.push(`  shadow parameter: ${parameter.in} ${parameter.name} (×${parameter.calls})`);
  for (const drift of compared?.drift ?? []) out.push(`  drift: ${drift.where} ${drift.pointer || '/'} ${drift.kind}${drift.documented ? `: documented ${drift.documented}` : ''}${drift.observed ? `, observed ${drift.observed}` : ''}`);
  return `${out.map((line) => escapeUnsafe(line)).join('\n')}\n`;
}

/** The comparison with documents as text: shadow, zombie, drift, unused. */
export function comparisonReport(comparison: DocumentComparison): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]): void => {
    out.push(`${title} (${lines.length})`, ...(lines.length > 0 ? lines.map((line) => `  ${line}`) : ['  none']));
  };
  const named = (view: OperationView): string => `${view.method} ${view.host}${view.template} ×${view.calls}`;
  section('Shadow operations: called, not in any document', comparison.operations.filter((each) => each.status === 'shadow').map((each) => named(each.view)));
  section('Zombie operations: deprecated or removed, still called', comparison.operations.filter((each) => each.status === 'zombie').map((each) => `${named(each.view)} (${each.zombieReason ?? ''}${each.documented?.operationId ? ` ${each.documented.operationId}` : ''})`));
  section('Shadow parameters', comparison.operations.flatMap((each) => each.shadowParameters.map((parameter) => `${each.view.method} ${each.view.template}: ${parameter.in} ${parameter.name} ×${parameter.calls}`)));
  section('Drift: documented and observed schemas differ', comparison.operations.flatMap((each) => each.drift.map((drift) => `${each.view.method} ${each.view.template}: ${drift.where} ${drift.pointer || '/'} ${drift.kind}${drift.documented ? ` (documented ${drift.documented}, observed ${drift.observed ?? '-'})` : ''}`)));
  section('Documented, never called', comparison.unused.map((each) => `${each.method} ${each.template}${each.operationId ? ` (${each.operationId})` : ''}`));
  return `${out.map((line) => escapeUnsafe(line)).join('\n')}\n`;
}

/** Writes the document as JSON when the file ends in .json, else YAML. */
export function writeDocument(file: string, document: unknown, option: string): void {
  const text = file.endsWith('.json') ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option} ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}
