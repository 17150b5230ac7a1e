// Reusable definitions nothing uses. The document is cut into units (a root component, a top-level
// entry of another file, and the rest of the root file, where the paths and webhooks are), the
// references found in one walk of every file (support/references.ts) link the units, and a component
// is used when a chain of references leads to it from the rest of the root file. A component only
// unused components reference is unused too. Dead definitions hide features that were removed from
// the paths but may still run.
import type { AuditCheck } from '../../check.js';
import { isObject, type AuditApi } from '../../model.js';
import { pointerOf } from '../../pointer.js';
import { allRefs, refTarget } from './support/references.js';

/** OpenAPI 3 component types reached by `$ref` (security schemes are named by requirements, not referenced). */
const OPENAPI_TYPES: Readonly<Record<string, string>> = {
  schemas: 'schema', responses: 'response', parameters: 'parameter', examples: 'example', requestBodies: 'request body',
  headers: 'header', links: 'link', callbacks: 'callback', pathItems: 'path item',
};
const SWAGGER_TYPES: Readonly<Record<string, string>> = { definitions: 'schema', parameters: 'parameter', responses: 'response' };

export const unusedComponentCheck: AuditCheck = {
  id: 'hygiene.unused-component',
  group: 'hygiene',
  title: 'Component never referenced',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'validation',
  explanation: 'A component no operation reaches is dead documentation: it often belongs to a feature removed from the paths but still deployed, and it makes the document harder to review.',
  remediation: 'Delete the unused definition, or reference it from the operation that really uses it (and document that operation).',
  run(api, report) {
    const swagger = api.dialect === 'swagger-2.0';
    const types = swagger ? SWAGGER_TYPES : OPENAPI_TYPES;
    const containers = swagger ? api.root.value : api.root.value.components;
    if (!isObject(containers)) return;
    const reached = reachedUnits(api, swagger);
    const rootFile = api.document.root.path;
    const base = swagger ? '' : '/components';
    for (const [type, container] of Object.entries(containers)) {
      const label = types[type];
      if (label === undefined || !isObject(container)) continue;
      for (const name of Object.keys(container)) {
        const pointer = pointerOf(base, type, name);
        if (reached.has(unitKey(rootFile, pointer))) continue;
        report({ file: rootFile, pointer }, `the ${label} \`${name}\` (${swagger ? '' : 'components/'}${type}) is defined but never referenced`);
      }
    }
  },
};

/** The units reached from the root file's non-component part. */
function reachedUnits(api: AuditApi, swagger: boolean): Set<string> {
  const rootFile = api.document.root.path;
  const unitOf = (file: string, pointer: string): string => unitKey(file, unitPointer(pointer, file === rootFile, swagger));
  const SEED = unitKey(rootFile, '');
  const edges = new Map<string, string[]>();
  const unitsByFile = new Map<string, Set<string>>();
  for (const site of allRefs(api)) {
    const target = refTarget(api.document, site.ref, site.at.file);
    if (target === undefined) continue;
    const from = unitOf(site.at.file, site.at.pointer);
    const list = edges.get(from) ?? [];
    list.push(unitOf(target.file, target.pointer));
    edges.set(from, list);
    const units = unitsByFile.get(site.at.file) ?? new Set<string>();
    units.add(from);
    unitsByFile.set(site.at.file, units);
  }
  const reached = new Set<string>([SEED]);
  const queue = [SEED];
  const reach = (unit: string): void => {
    if (reached.has(unit)) return;
    reached.add(unit);
    queue.push(unit);
  };
  for (let unit = queue.pop(); unit !== undefined; unit = queue.pop()) {
    for (const next of edges.get(unit) ?? []) {
      const [file, pointer] = splitUnit(next);
      // A reference to a whole file or a whole container reaches every unit inside it.
      reach(next);
      const isContainer = file === rootFile ? isContainerPointer(pointer, swagger) : pointer === '';
      if (!isContainer) continue;
      for (const inner of unitsByFile.get(file) ?? []) if (splitUnit(inner)[1].startsWith(`${pointer}/`) || pointer === '') reach(inner);
      if (file === rootFile) for (const name of componentPointers(api, swagger)) if (pointer === '' || name.startsWith(`${pointer}/`)) reach(unitKey(rootFile, name));
    }
  }
  return reached;
}

/**
 * The unit a pointer belongs to: in the root file, a component (`/components/schemas/Pet`,
 * `/definitions/Pet`) or the root's remainder (''), or the container itself when the pointer names it;
 * in other files, the top-level entry (or a component, for files shaped like a document).
 */
function unitPointer(pointer: string, isRoot: boolean, swagger: boolean): string {
  const segments = pointer.split('/').slice(1);
  const componentDepth = segments[0] === 'components' ? 3 : swagger && isSwaggerContainer(segments[0]) ? 2 : 0;
  if (isRoot) {
    if (componentDepth === 0 || (!swagger && segments[0] !== 'components')) return '';
    return `/${segments.slice(0, componentDepth).join('/')}`;
  }
  if (segments.length === 0) return '';
  return `/${segments.slice(0, componentDepth === 0 ? 1 : componentDepth).join('/')}`;
}

function isSwaggerContainer(segment: string | undefined): boolean {
  return segment === 'definitions' || segment === 'parameters' || segment === 'responses';
}

/** `/components`, `/components/schemas` (or `/definitions`) in the root: a reference to a whole container. */
function isContainerPointer(pointer: string, swagger: boolean): boolean {
  const segments = pointer.split('/').slice(1);
  return swagger ? segments.length === 1 && isSwaggerContainer(segments[0]) : segments[0] === 'components' && segments.length <= 2;
}

function componentPointers(api: AuditApi, swagger: boolean): string[] {
  const containers = swagger ? api.root.value : api.root.value.components;
  if (!isObject(containers)) return [];
  const types = swagger ? SWAGGER_TYPES : OPENAPI_TYPES;
  return Object.entries(containers).flatMap(([type, container]) =>
    types[type] !== undefined && isObject(container) ? Object.keys(container).map((name) => pointerOf(swagger ? '' : '/components', type, name)) : []);
}

function unitKey(file: string, pointer: string): string {
  return `${file}\u0000${pointer}`;
}

function splitUnit(unit: string): [string, string] {
  const separator = unit.indexOf('\u0000');
  return [unit.slice(0, separator), unit.slice(separator + 1)];
}
