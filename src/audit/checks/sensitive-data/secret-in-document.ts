// Live credentials written into the document (examples, defaults, descriptions, extensions): API
// descriptions are published, committed and pasted into portals, so a real key in one is a leaked
// key (OWASP ASVS V2.10.4: secrets are not kept in source). Every string of every file is read once.
import type { AuditCheck } from '../../check.js';
import { pointerOf } from '../../pointer.js';
import { findSecret } from './support/secret-patterns.js';

export const secretInDocumentCheck: AuditCheck = {
  id: 'sensitive-data.secret-in-document',
  group: 'sensitive-data',
  title: 'Credential written in the document',
  owasp: 'API8',
  asvs: ['V2.10.4'],
  severity: 'high',
  part: 'security',
  explanation: 'API descriptions are published in portals, committed to repositories and shared with partners; a private key, cloud access key or signed token in an example, default or description is a leaked credential.',
  remediation: 'Revoke and rotate the credential now, then replace it in the document with an obviously fake placeholder (`AKIAXXXXXXXXXXXXXXXX`, `<your-api-key>`).',
  run(api, report) {
    for (const [file, source] of api.document.files) {
      const check = (text: string, key: string | undefined, parent: Entry | undefined): void => {
        const secret = findSecret(text);
        if (secret === undefined) return;
        const pointer = pointerOfEntry({ value: text, key, parent });
        report({ file, pointer }, `the value at \`${pointer || '/'}\` looks like ${secret.kind} (${secret.preview})`);
      };
      const root: Entry = { value: source.value, key: undefined, parent: undefined };
      if (typeof source.value === 'string') check(source.value, undefined, undefined);
      // Only containers go on the stack; strings are read where they are met.
      const stack: Entry[] = source.value !== null && typeof source.value === 'object' ? [root] : [];
      for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
        const container = entry.value as Record<string, unknown> | unknown[];
        const keys = Array.isArray(container) ? undefined : Object.keys(container);
        const length = keys === undefined ? (container as unknown[]).length : keys.length;
        for (let index = 0; index < length; index++) {
          const key = keys === undefined ? String(index) : (keys[index] as string);
          const value = keys === undefined ? (container as unknown[])[index] : (container as Record<string, unknown>)[key];
          if (typeof value === 'string') check(value, key, entry);
          else if (value !== null && typeof value === 'object') stack.push({ value, key, parent: entry });
        }
      }
    }
  },
};

/** A node met in the walk; its pointer is built only when it is reported. */
interface Entry {
  readonly value: unknown;
  readonly key: string | undefined;
  readonly parent: Entry | undefined;
}

function pointerOfEntry(entry: Entry): string {
  const segments: string[] = [];
  for (let current: Entry | undefined = entry; current?.key !== undefined; current = current.parent) segments.push(current.key);
  return pointerOf('', ...segments.reverse());
}
