// Every parameter object the document declares, once per definition, with the first place that uses
// it: the model merges path-level parameters into operations, so a path-level parameter an operation
// overrides is not in any operation's list, yet it is still written (and linted) where it is.
import type { Located, NodeRef } from '../../../document.js';
import { HTTP_METHODS, isObject, type AuditApi, type JsonObject } from '../../../model.js';

export interface DeclaredParameter {
  readonly name: string;
  readonly in: string;
  readonly value: JsonObject;
  readonly at: NodeRef;
  /** `GET /users` for an operation's, `/users/{id}` for a path's, undefined for a reusable one no path uses. */
  readonly usedBy?: string;
}

const cache = new WeakMap<AuditApi, readonly DeclaredParameter[]>();

/** Parameters of paths and operations, then reusable ones (components.parameters, Swagger's root `parameters`) no path uses. */
export function declaredParameters(api: AuditApi): readonly DeclaredParameter[] {
  let parameters = cache.get(api);
  if (parameters === undefined) {
    parameters = collect(api);
    cache.set(api, parameters);
  }
  return parameters;
}

/** A parameter written under `paths`, with the operation or path that declares it. */
export type PathParameter = DeclaredParameter & { readonly usedBy: string };

/** Only those written under `paths` (what Spectral's parameter rules look at). */
export function pathParameters(api: AuditApi): readonly PathParameter[] {
  return declaredParameters(api).filter((parameter): parameter is PathParameter => parameter.usedBy !== undefined);
}

function collect(api: AuditApi): DeclaredParameter[] {
  const { document, root } = api;
  const found = new Map<string, DeclaredParameter>();
  const addOne = (node: Located | undefined, usedBy: string | undefined): void => {
    const parameter = node === undefined ? undefined : document.deref(node);
    if (parameter === undefined || !isObject(parameter.value)) return;
    const { name, in: location } = parameter.value;
    const key = `${parameter.at.file}#${parameter.at.pointer}`;
    if (typeof name !== 'string' || typeof location !== 'string' || found.has(key)) return;
    found.set(key, { name, in: location, value: parameter.value, at: parameter.at, ...(usedBy === undefined ? {} : { usedBy }) });
  };
  const addList = (list: Located | undefined, usedBy: string): void => {
    if (list === undefined || !Array.isArray(list.value)) return;
    list.value.forEach((_, index) => addOne(document.child(list, index), usedBy));
  };
  const paths = document.child(root, 'paths');
  if (paths !== undefined && isObject(paths.value)) {
    for (const path of Object.keys(paths.value)) {
      // Extension members (`x-...`) are read too when they hold parameters: Spectral's URL rule reads every member of `paths`.
      const item = document.child(paths, path);
      const pathItem = item === undefined ? undefined : document.deref(item);
      if (pathItem === undefined || !isObject(pathItem.value)) continue;
      addList(document.child(pathItem, 'parameters'), path);
      for (const method of HTTP_METHODS) {
        const operation = document.child(pathItem, method);
        if (operation !== undefined && isObject(operation.value)) addList(document.child(operation, 'parameters'), `${method.toUpperCase()} ${path}`);
      }
    }
  }
  const reusable = api.dialect === 'swagger-2.0' ? document.child(root, 'parameters') : document.child(root, 'components', 'parameters');
  if (reusable !== undefined && isObject(reusable.value)) {
    for (const name of Object.keys(reusable.value)) addOne(document.child(reusable, name), undefined);
  }
  return [...found.values()];
}

/**
 * The schema of a parameter's value: its `schema`, its first media type's schema, or for Swagger 2.0
 * non-body parameters the parameter itself (type, format and limits sit on it).
 */
export function parameterSchema(api: AuditApi, parameter: DeclaredParameter): Located<JsonObject> | undefined {
  const located: Located<JsonObject> = { value: parameter.value, at: parameter.at };
  if (api.dialect === 'swagger-2.0' && parameter.in !== 'body') return located;
  const { document } = api;
  const direct = document.child(located, 'schema');
  const content = document.child(located, 'content');
  const first = content !== undefined && isObject(content.value) ? Object.keys(content.value)[0] : undefined;
  const node = direct ?? (first === undefined || content === undefined ? undefined : document.child(content, first, 'schema'));
  const schema = node === undefined ? undefined : document.deref(node);
  return schema !== undefined && isObject(schema.value) ? (schema as Located<JsonObject>) : undefined;
}
