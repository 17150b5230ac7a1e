// API2: the login operation lets anyone guess passwords without limit. The check signs up a
// throwaway account when a public sign-up exists (never one of the scan's identities, which a
// lockout would break), makes ATTEMPTS wrong-password logins for it as an anonymous client, then
// logs in with the right password. Proof: no attempt refused (429/423/503, Retry-After, a lockout
// message, a growing delay) and the right password still works. Without a sign-up the account is
// one that does not exist, and a server may lock only real accounts: then it is only a suspicion.
import { randomBytes } from 'node:crypto';
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { withBodyField, type BuiltRequest } from '../../requests/index.js';
import { isSecured, isSuccess } from '../probe.js';

/** OWASP ASVS V2.2.1 asks for at most 100 failures per hour; lockouts usually start after 3 to 10. */
const ATTEMPTS = 15;
const PASSWORD_KEY = /pass(?:word|wd|phrase)|^pwd$/i;
const IDENTIFIER_KEY = /^(?:user(?:_?name)?|login|e-?mail|email_?address|account|handle|name)$/i;
const LOGIN_NAME = /log-?in|sign-?in|auth|session|token/i;
const SIGN_UP_NAME = /sign-?up|regist|(?:^|\/)(?:users?|accounts?|members?)$/i;
const NOT_SIGN_UP = /reset|forgot|change/i;
const REFUSAL_TEXT = /\b(?:locked|too many|throttl|rate.?limit|captcha|try again later)/i;
/** A delay this much longer than the first failure's counts as throttling. */
const SLOWDOWN_MS = 1_000;

interface Form {
  readonly operation: OperationSpec;
  readonly built: BuiltRequest;
  readonly identifier: string;
  readonly password: string;
}

/** A public POST whose body has an account name and a password field. */
function formOf(context: ScanContext, operation: OperationSpec): Form | undefined {
  if (operation.method !== 'POST' || isSecured(operation)) return undefined;
  const built = context.requestFor(operation, undefined);
  const body = built.bodyValue;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  const password = keys.find((key) => PASSWORD_KEY.test(key));
  const identifier = keys.find((key) => IDENTIFIER_KEY.test(key));
  return password === undefined || identifier === undefined ? undefined : { operation, built, identifier, password };
}

const named = (pattern: RegExp, form: Form): boolean => pattern.test(form.operation.pathTemplate) || pattern.test(form.operation.operationId ?? '');

function send(context: ScanContext, form: Form, account: string, password: string): Promise<Exchange> {
  const built = withBodyField(withBodyField(form.built, `/${form.identifier}`, account), `/${form.password}`, password);
  return context.client.send(built.request);
}

/** Why an attempt counts as refused, or undefined. */
function refusal(attempt: Exchange, first: Exchange): string | undefined {
  const response = attempt.response;
  if (response === undefined) return `no answer (${attempt.error ?? 'error'})`;
  if ([423, 429, 503].includes(response.status)) return `status ${String(response.status)}`;
  if (response.headers['retry-after'] !== undefined) return 'Retry-After';
  if (REFUSAL_TEXT.test(response.body.slice(0, 4096))) return 'a lockout message';
  if (response.durationMs - (first.response?.durationMs ?? 0) > SLOWDOWN_MS) return 'a growing delay';
  return undefined;
}

/** A throwaway account through the public sign-up, proven by logging in with it. */
async function throwaway(context: ScanContext, login: Form, signUp: Form | undefined, account: string, password: string): Promise<Exchange | undefined> {
  if (signUp === undefined) return undefined;
  const created = await send(context, signUp, account, password);
  if (!isSuccess(created)) return undefined;
  const proof = await send(context, login, account, password);
  return isSuccess(proof) ? proof : undefined;
}

async function attack(context: ScanContext, login: Form, signUp: Form | undefined): Promise<void> {
  const hex = randomBytes(6).toString('hex');
  const account = /mail/i.test(login.identifier) ? `bulwark-bf-${hex}@example.com` : `bulwark_bf_${hex}`;
  const password = `Bw!${randomBytes(9).toString('base64url')}9x`;
  const proof = await throwaway(context, login, signUp, account, password);
  const attempts: Exchange[] = [];
  for (let index = 0; index < ATTEMPTS; index++) {
    const attempt = await send(context, login, account, `${password}-wrong-${String(index)}`);
    attempts.push(attempt);
    if (isSuccess(attempt) || refusal(attempt, attempts[0] ?? attempt) !== undefined) return;
  }
  const final = proof === undefined ? undefined : await send(context, login, account, password);
  if (final !== undefined && !isSuccess(final)) return;
  context.report({
    operation: login.operation,
    message: final === undefined
      ? `${String(ATTEMPTS)} wrong-password logins for the non-existent account ${account} were all answered without refusal (no sign-up to test a real account).`
      : `${String(ATTEMPTS)} wrong-password logins for the throwaway account ${account} were all answered without refusal, and the right password still logged in: nothing stops password guessing.`,
    evidence: [attempts[0], attempts.at(-1), final].filter((exchange): exchange is Exchange => exchange !== undefined),
    confidence: final === undefined ? 'tentative' : 'confirmed',
  });
}

export const loginBruteForce: ScanCheck = {
  id: 'api2.login-brute-force',
  category: 'API2',
  title: 'Login allows unlimited password guessing',
  severity: 'high',
  remediation: 'Limit failed logins per account and per client (lock or slow down the account after a few failures, answer 429 with Retry-After), alert on bursts, and offer multi-factor authentication; see OWASP ASVS V2.2.1.',
  async run(context) {
    const forms = context.api.operations.flatMap((operation) => formOf(context, operation) ?? []);
    const login = forms.find((form) => named(LOGIN_NAME, form) && !named(SIGN_UP_NAME, form));
    if (login === undefined) return;
    const signUp = forms.find((form) => form !== login && named(SIGN_UP_NAME, form) && !named(NOT_SIGN_UP, form));
    // The account must be created under the name the login asks for, when the sign-up has that field.
    const hasLoginKey = signUp !== undefined && Object.hasOwn(signUp.built.bodyValue as object, login.identifier);
    await attack(context, login, signUp === undefined ? undefined : { ...signUp, identifier: hasLoginKey ? login.identifier : signUp.identifier });
  },
};
