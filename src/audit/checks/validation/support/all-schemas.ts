// Every schema of the document, once per definition: the model's (api.schemas, reached from operations
// and component schemas), then every other object that looks like a schema wherever it is: webhooks,
// callbacks, reusable parameters, headers and bodies no operation uses, keywords the model does not
// walk, and schema-like objects where no schema belongs (a schema pasted into an `example`, an
// extension). Spectral's OWASP schema rules match every node with a string, integer, array or object
// `type` anywhere in the document, so the checks covering them must see all of these. The rest is found
// in one pass over each file, building a pointer only for what it keeps; computed once per model, as
// every check of the group asks for it.
import type { AuditApi, JsonObject, SchemaInfo, SchemaUsage } from '../../../model.js';
import { pointerOf } from '../../../pointer.js';

export interface AuditedSchema extends SchemaInfo {
  /**
   * `model`: reached from an operation or a component schema; `outside-operations`: elsewhere in the
   * API description (a webhook, a callback, an unused reusable object); `stray`: a schema-like object
   * inside an example or an extension.
   */
  readonly origin: 'model' | 'outside-operations' | 'stray';
}

/** The `type` values that make a node a schema (Spectral reads string, integer, array and object ones). */
const SCHEMA_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null']);
const OUTSIDE_OPERATIONS: SchemaUsage = { request: false, response: false };

const cache = new WeakMap<AuditApi, readonly AuditedSchema[]>();

export function everySchema(api: AuditApi): readonly AuditedSchema[] {
  let schemas = cache.get(api);
  if (schemas === undefined) {
    const model = api.schemas.map((info): AuditedSchema => ({ ...info, origin: 'model' }));
    schemas = [...model, ...schemasOutsideModel(api, new Set(api.schemas.map((info) => info.schema.value)))];
    cache.set(api, schemas);
  }
  return schemas;
}

/** Whether an object is a schema by its `type`: a JSON Schema type name, or a list holding one. */
function looksLikeSchema(value: JsonObject): boolean {
  const type = value.type;
  if (typeof type === 'string') return SCHEMA_TYPES.has(type);
  return Array.isArray(type) && type.some((item) => typeof item === 'string' && SCHEMA_TYPES.has(item));
}

/** An object or array met on the walk; its pointer is rebuilt from the chain only when it is kept. */
interface Frame {
  readonly value: object;
  readonly key: string | number;
  readonly parent: Frame | undefined;
  /** Below an `example`, `examples` or `x-...` member: values, not API description. */
  readonly inValue: boolean;
}

function pointerOfFrame(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let current: Frame | undefined = frame; current?.parent !== undefined; current = current.parent) keys.push(current.key);
  return pointerOf('', ...keys.reverse());
}

/** Whether `key`, a member of the object in `holder`, starts a value (an example, an extension). A property may be named `example`. */
function startsValue(key: string, holder: Frame): boolean {
  return (key === 'example' || key === 'examples' || key.startsWith('x-')) && holder.key !== 'properties';
}

function schemasOutsideModel(api: AuditApi, known: ReadonlySet<unknown>): AuditedSchema[] {
  const found: AuditedSchema[] = [];
  for (const [file, source] of api.document.files) {
    if (source.value === null || typeof source.value !== 'object') continue;
    const stack: Frame[] = [{ value: source.value, key: '', parent: undefined, inValue: false }];
    for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
      const { value } = frame;
      if (Array.isArray(value)) {
        value.forEach((item: unknown, index) => {
          if (item !== null && typeof item === 'object') stack.push({ value: item, key: index, parent: frame, inValue: frame.inValue });
        });
        continue;
      }
      const object = value as JsonObject;
      if (!known.has(object) && looksLikeSchema(object)) {
        found.push({ schema: { value: object, at: { file, pointer: pointerOfFrame(frame) } }, usage: OUTSIDE_OPERATIONS, origin: frame.inValue ? 'stray' : 'outside-operations' });
      }
      for (const key of Object.keys(object)) {
        const child = object[key];
        if (child !== null && typeof child === 'object') stack.push({ value: child, key, parent: frame, inValue: frame.inValue || startsValue(key, frame) });
      }
    }
  }
  return found;
}
