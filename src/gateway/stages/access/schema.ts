// Config schema of the access stage: default allow or deny, role / group / scope policies over
// operations, function-level (admin) operations that always need a grant, and object-level rules
// that tie a request value to the caller's identity (against BOLA).
import { Type } from '@sinclair/typebox';

const Pattern = Type.String({ minLength: 1, description: "'METHOD /path/{template}' (METHOD may be *, segments * and a final **) or an operationId" });
const ValueRef = Type.String({ pattern: '^(path|query|header|body|claim|consumer)\\.[^\\s]{1,200}$', description: 'path.<param>, query.<param>, header.<name>, body.<dot.path>, claim.<dot.path> or consumer.id' });

export const accessConfigSchema = Type.Object({
  defaultPolicy: Type.Union([Type.Literal('allow'), Type.Literal('deny')], {
    default: 'allow', description: 'deny: an operation no policy grants is refused (least privilege); allow: only admin operations and scopes are checked',
  }),
  enforceScopes: Type.Boolean({ default: true, description: 'require the scopes the OpenAPI security requirements name (oauth2 / openIdConnect)' }),
  policies: Type.Array(Type.Object({
    name: Type.Optional(Type.String({ minLength: 1 })),
    anyone: Type.Boolean({ default: false, description: 'grants to every caller, anonymous included' }),
    consumers: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    roles: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    groups: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    scopes: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'all of these' }),
    allow: Type.Array(Pattern, { minItems: 1 }),
  }, { additionalProperties: false }), { default: [], description: 'a policy grants its operations to callers matching any of consumers / roles / groups (and having all its scopes); none of those = any authenticated caller' }),
  adminOperations: Type.Array(Pattern, { default: [], description: 'function-level operations that need an explicit grant even when defaultPolicy is allow' }),
  objectRules: Type.Array(Type.Object({
    name: Type.String({ minLength: 1 }),
    operations: Type.Array(Pattern, { minItems: 1 }),
    require: Type.Array(Type.Object({
      value: ValueRef,
      equals: Type.Optional(ValueRef),
      in: Type.Optional(ValueRef),
    }, { additionalProperties: false }), { minItems: 1 }),
  }, { additionalProperties: false }), { default: [], description: 'object-level checks, e.g. path.userId equals claim.sub; evaluated without eval' }),
});

export interface AccessConfig {
  defaultPolicy: 'allow' | 'deny';
  enforceScopes: boolean;
  policies: { name?: string; anyone: boolean; consumers: string[]; roles: string[]; groups: string[]; scopes: string[]; allow: string[] }[];
  adminOperations: string[];
  objectRules: { name: string; operations: string[]; require: { value: string; equals?: string; in?: string }[] }[];
}
