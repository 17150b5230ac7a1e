// No owner named (OWASP API9:2023): an API whose document names nobody to contact has nobody to tell
// about a vulnerability, and nobody accountable for retiring it.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';

export const noContactCheck: AuditCheck = {
  id: 'inventory.no-contact',
  group: 'inventory',
  title: 'No contact for the API',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'security',
  explanation: 'Without info.contact, the document names nobody who owns the API: security researchers and consumers cannot report problems, and inventories cannot say who decides its retirement.',
  remediation: 'Add info.contact with a team name and a monitored email address or URL (for example a security or API support address).',
  run(api, report) {
    const info = api.document.child(api.root, 'info');
    if (info === undefined || !isObject(info.value)) {
      report(info?.at ?? api.root.at, 'the document has no info object, so no contact');
      return;
    }
    const contact = api.document.child(info, 'contact');
    if (contact === undefined) {
      report(info.at, 'info has no contact: nobody is named as owning the API');
      return;
    }
    const value = contact.value;
    const filled = isObject(value) && ['name', 'email', 'url'].some((key) => typeof value[key] === 'string' && value[key].trim() !== '');
    if (!filled) report(contact.at, 'info.contact has no name, email or url');
  },
};
