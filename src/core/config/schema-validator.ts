// One Ajv setup for configuration (the same engine the contract stage uses for OpenAPI schemas).
// Adds the `x-unit` keyword, which turns "10s" / "1mb" strings into milliseconds / bytes in place
// while validating, so units get plain numbers.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseBytes, parseDuration } from './units.js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace needs unwrapping.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type Unit = 'duration' | 'bytes';

export function createConfigAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'x-unit',
    modifying: true,
    errors: true,
    schemaType: 'string',
    validate: function validateUnit(
      this: unknown,
      unit: Unit,
      data: unknown,
      _parentSchema?: unknown,
      ctx?: { parentData: Record<string | number, unknown>; parentDataProperty: string | number },
    ): boolean {
      if (typeof data !== 'string' && typeof data !== 'number') return true; // `type` reports it
      const parsed = unit === 'duration' ? parseDuration(data) : parseBytes(data);
      const self = validateUnit as unknown as { errors?: Partial<ErrorObject>[] };
      if (parsed === undefined) {
        self.errors = [{
          keyword: 'x-unit',
          message: unit === 'duration'
            ? 'must be a duration such as "500ms", "10s", "5m", "1h" or a number of milliseconds'
            : 'must be a size such as "512b", "16kb", "1mb" or a whole number of bytes',
          params: { unit },
        }];
        return false;
      }
      if (ctx) ctx.parentData[ctx.parentDataProperty] = parsed;
      return true;
    },
  });
  return ajv;
}

export type { ErrorObject, ValidateFunction };
