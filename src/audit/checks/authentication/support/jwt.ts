// Which security schemes hand out or accept JSON Web Tokens.
import type { SecuritySchemeInfo } from '../../../model.js';

/** A scheme whose bearerFormat says JWT (`JWT`, `jwt`, `JWS/JWT`...), whatever its type. */
export function declaresJwt(scheme: SecuritySchemeInfo): boolean {
  return scheme.bearerFormat !== undefined && scheme.bearerFormat.toLowerCase().includes('jwt');
}

export function descriptionOf(scheme: SecuritySchemeInfo): string {
  return typeof scheme.value.description === 'string' ? scheme.value.description : '';
}
