// What the inventory knows about one operation, in the form every reader uses (the CLI, the admin
// API, the OpenAPI export, the comparison with documents): schemas already built, counts summed,
// sensitive fields as masked samples only.
import type { AuthKind } from '../auth/detect-auth.js';
import type { JsonSchema } from '../schema/index.js';

export type { JsonSchema };
export type ParameterIn = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterView {
  readonly in: ParameterIn;
  readonly name: string;
  /** Seen in every call (path parameters always). */
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly calls: number;
}

export interface BodyView {
  readonly contentType: string;
  /** Absent when the bodies were never parsed (not JSON / forms, or larger than the cap). */
  readonly schema?: JsonSchema;
  readonly calls: number;
}

export interface ResponseView extends BodyView {
  /** '200', '404'. */
  readonly status: string;
}

export interface AuthView {
  readonly kind: AuthKind;
  readonly in: 'header' | 'query' | 'cookie' | 'tls';
  readonly name: string;
  readonly calls: number;
  readonly issuers: readonly string[];
  readonly scopes: readonly string[];
}

export interface SensitiveFieldView {
  readonly direction: 'request' | 'response';
  readonly in: ParameterIn | 'body';
  /** Parameter name, or JSON pointer inside the body (array items are written as a star segment). */
  readonly name: string;
  readonly types: readonly string[];
  /** A masked example (`j***@e***.com`); never the value. */
  readonly masked: string;
  readonly calls: number;
}

export interface OperationView {
  readonly host: string;
  readonly method: string;
  readonly template: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly calls: number;
  /** Calls by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Distinct consumers seen (capped count: see `consumersCapped`). */
  readonly consumers: number;
  readonly consumersCapped: boolean;
  /** Calls that carried no credentials. */
  readonly unauthenticatedCalls: number;
  readonly auth: readonly AuthView[];
  readonly parameters: readonly ParameterView[];
  readonly requestBodies: readonly BodyView[];
  readonly responses: readonly ResponseView[];
  readonly sensitive: readonly SensitiveFieldView[];
}
