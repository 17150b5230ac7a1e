// ${VAR} references in an auth profile, replaced by environment variables so secrets stay out of the
// file. Unlike the gateway config, a whole reference is never turned into a number or boolean: a
// password of digits must stay a string, and a type error would have to talk about the value.

export interface MissingVariable {
  /** Key path such as `identities[1].login.body.password`. */
  readonly path: string;
  readonly variable: string;
}

// `$$` escapes a dollar; `${VAR:-fallback}` as in the gateway config (core/config/load-config.ts).
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A copy of `value` with references in every string replaced; unset (or empty) variables are listed in `missing`. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, missing: MissingVariable[], path = ''): unknown {
  if (typeof value === 'string') return substituteString(value, env, missing, path);
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, missing, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = substituteEnv(item, env, missing, path === '' ? key : `${path}.${key}`);
    return copy;
  }
  return value;
}

function substituteString(text: string, env: NodeJS.ProcessEnv, missing: MissingVariable[], path: string): string {
  return text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$$' || name === undefined) return '$';
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    missing.push({ path, variable: name });
    return '';
  });
}
