// Whom an access policy applies to: anyone; else a caller holding all its scopes and named by id,
// role or group (a policy naming none applies to every authenticated caller). Shared by the access
// stage and `bulwark access report`, so the report judges policies exactly as the gateway does.

export interface PolicyAudience {
  readonly anyone: boolean;
  readonly consumers: ReadonlySet<string>;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

export interface PolicyCaller {
  readonly id: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}

export function policyApplies(policy: PolicyAudience, caller: PolicyCaller | undefined): boolean {
  if (policy.anyone) return true;
  if (!caller) return false;
  if (!policy.scopes.every((scope) => caller.scopes.includes(scope))) return false;
  const names = policy.consumers.size + policy.roles.length + policy.groups.length;
  return names === 0 || policy.consumers.has(caller.id)
    || policy.roles.some((role) => caller.roles.includes(role)) || policy.groups.some((group) => caller.groups.includes(group));
}
