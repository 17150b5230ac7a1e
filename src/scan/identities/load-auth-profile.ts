// Reads an auth profile (YAML, or JSON, which is YAML too): ${VAR} references replaced, validated
// against its schema and rules, every problem reported with file, key path, line and identity name.
// Nothing here quotes a value from the file: any of them may be a secret.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { formatProblems, type ConfigProblem } from '../../core/config/load-config.js';
import { createConfigAjv } from '../../core/config/schema-validator.js';
import { BulwarkError, type ErrorCode } from '../../core/errors.js';
import { authProfileSchema, type AuthProfile, type IdentityConfig } from './auth-profile-schema.js';
import { profileProblems } from './profile-rules.js';
import { locateProblems, schemaProblems } from './schema-problems.js';
import { substituteEnv, type MissingVariable } from './substitute-env.js';

export interface LoadedAuthProfile {
  readonly profile: AuthProfile;
  /** Checks the profile cannot support (one user: no BOLA / BFLA), for the CLI to print. */
  readonly warnings: readonly string[];
}

const validateProfile = createConfigAjv().compile(authProfileSchema);

export function loadAuthProfile(file: string, env: NodeJS.ProcessEnv = process.env): LoadedAuthProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new BulwarkError('CONFIG_READ_FAILED', `${file}: cannot read the auth profile (${reason})`, { cause: error });
  }
  return parseAuthProfile(text, file, env);
}

export function parseAuthProfile(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadedAuthProfile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const raw = toPlainValue(document, lineCounter, file);
  const missing: MissingVariable[] = [];
  const value = substituteEnv(raw, env, missing);
  if (missing.length > 0) {
    const problems = missing.map(({ path, variable }) => ({ path, message: `refers to environment variable ${variable}, which is not set` }));
    throw invalid('CONFIG_ENV_MISSING', file, problems, raw, document, lineCounter);
  }
  if (!validateProfile(value)) {
    throw invalid('SCAN_AUTH_PROFILE_INVALID', file, schemaProblems(validateProfile.errors ?? [], authProfileSchema), raw, document, lineCounter);
  }
  const identities = (value as { identities: IdentityConfig[] }).identities;
  const problems = profileProblems(identities);
  if (problems.length > 0) throw invalid('SCAN_AUTH_PROFILE_INVALID', file, problems, raw, document, lineCounter);
  return { profile: deepFreeze({ file, identities }), warnings: warningsFor(file, identities) };
}

function toPlainValue(document: Document, lineCounter: LineCounter, file: string): unknown {
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { path: '', message: error.message.split('\n')[0] ?? 'is not valid YAML', line, column: col };
    });
    throw new BulwarkError('CONFIG_PARSE_FAILED', formatProblems(file, problems), { details: problems });
  }
  try {
    return document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // yaml throws for alias expansion bombs ("billion laughs").
    const problems = [{ path: '', message: 'cannot be expanded: too many aliases' }];
    throw new BulwarkError('CONFIG_PARSE_FAILED', formatProblems(file, problems), { details: problems, cause: error });
  }
}

function invalid(code: ErrorCode, file: string, problems: readonly ConfigProblem[], raw: unknown, document: Document, lineCounter: LineCounter): BulwarkError {
  const located = locateProblems(problems.map((problem) => withIdentityName(problem, raw)), document, lineCounter);
  return new BulwarkError(code, formatProblems(file, located), { details: located });
}

/** `identities[1].login.token.pointer is required (identity "bob")`: the name is how people know them. */
function withIdentityName(problem: ConfigProblem, raw: unknown): ConfigProblem {
  const index = /^identities\[(\d+)\]/.exec(problem.path)?.[1];
  if (index === undefined) return problem;
  const identities = (raw as { identities?: unknown } | null)?.identities;
  const name = Array.isArray(identities) ? (identities[Number(index)] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name !== '' ? { ...problem, message: `${problem.message} (identity ${JSON.stringify(name)})` } : problem;
}

function warningsFor(file: string, identities: readonly IdentityConfig[]): string[] {
  const users = identities.filter((identity) => identity.role === 'user');
  const warnings: string[] = [];
  if (users.length === 1) {
    warnings.push(`${file}: only one identity with role user (${users[0]?.name ?? ''}): the authorization checks (BOLA, BFLA) need two users, one trying the other's objects, and will be skipped`);
  }
  if (!identities.some((identity) => identity.role === 'admin')) {
    warnings.push(`${file}: no identity with role admin: function-level checks (BFLA) have no administrator to compare with`);
  }
  return warnings;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
