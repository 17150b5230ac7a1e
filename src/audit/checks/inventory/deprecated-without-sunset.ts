// Deprecated operations with no retirement date (OWASP API9:2023, RFC 8594 Sunset header): an operation
// that is deprecated "some day" keeps being called, and kept running, indefinitely: a zombie endpoint.
import type { AuditCheck } from '../../check.js';
import type { OperationInfo } from '../../model.js';

export const deprecatedWithoutSunsetCheck: AuditCheck = {
  id: 'inventory.deprecated-without-sunset',
  group: 'inventory',
  title: 'Deprecated operation without a sunset date',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'A deprecated operation with no announced removal date keeps being called and therefore kept running, unmaintained, long after its replacement ships: exactly the old endpoints attackers look for.',
  remediation: 'Announce the removal: return a `Sunset` header (RFC 8594) from the operation\'s responses and document it, or record the date in an extension such as `x-sunset: 2025-06-30`; then remove the operation on that date.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      const key = `${operation.at.file}#${operation.at.pointer}`;
      if (!operation.deprecated || seen.has(key)) continue;
      seen.add(key);
      if (!hasSunset(operation)) report(operation.at, `${operation.method.toUpperCase()} ${operation.path} is deprecated with no Sunset header or sunset date`);
    }
  },
};

function hasSunset(operation: OperationInfo): boolean {
  if (operation.responses.some((response) => response.headers.some((header) => header.name.toLowerCase() === 'sunset'))) return true;
  // A date or a note in an extension: `x-sunset`, `x-sunset-date`, `x-removal-date`, `x-deprecated-at`...
  return Object.entries(operation.value).some(([key, value]) => {
    const lower = key.toLowerCase();
    if (!lower.startsWith('x-') || typeof value === 'boolean' || value === null) return false;
    return lower.includes('sunset') || lower.includes('remov') || lower.includes('retire') || lower.includes('deprecat');
  });
}
