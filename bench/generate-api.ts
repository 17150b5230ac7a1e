// Generates an OpenAPI 3.1 document of `resources` × 4 operations (list with query parameters,
// create with a nested body, read, delete) for bench:contract. Each resource has schemas of its
// own, with shared Address / Money components, as real APIs do; bodies nest three levels deep.
export function generateApi(resources: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Address: {
      type: 'object', additionalProperties: false, required: ['street', 'city', 'country'],
      properties: { street: { type: 'string', maxLength: 200 }, city: { type: 'string', maxLength: 100 }, zip: { type: 'string', pattern: '^[0-9A-Z -]{3,10}$' }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
    },
    Money: { type: 'object', additionalProperties: false, required: ['amount', 'currency'], properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', enum: ['EUR', 'USD', 'GBP', 'NOK'] } } },
    Problem: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } },
  };
  const tenant = { name: 'x-tenant', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } };
  for (let r = 0; r < resources; r++) {
    const name = `Resource${r}`;
    schemas[`${name}Item`] = {
      type: 'object', additionalProperties: false, required: ['sku', 'quantity', 'price'],
      properties: {
        sku: { type: 'string', pattern: '^SKU-[0-9]{4}$' }, quantity: { type: 'integer', minimum: 1, maximum: 1000 },
        price: { $ref: '#/components/schemas/Money' },
        options: { type: 'object', properties: { gift: { type: 'boolean' }, note: { type: 'string', maxLength: 200 } } },
      },
    };
    schemas[name] = {
      type: 'object', additionalProperties: false, required: ['name', 'status', 'customer', 'items'],
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        status: { type: 'string', enum: ['open', 'closed', 'pending'] },
        priority: { type: 'integer', minimum: 1, maximum: 5 },
        tags: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 30 } },
        customer: {
          type: 'object', additionalProperties: false, required: ['id', 'email'],
          properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' }, address: { $ref: '#/components/schemas/Address' } },
        },
        items: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: `#/components/schemas/${name}Item` } },
        createdAt: { type: 'string', format: 'date-time', readOnly: true },
      },
    };
    const ref = { $ref: `#/components/schemas/${name}` };
    const problem = { description: 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    paths[`/resource${r}`] = {
      get: {
        operationId: `list${name}`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'sort', in: 'query', schema: { type: 'string', pattern: '^-?(created|name|priority)$' } },
          { name: 'status', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { type: 'string', enum: ['open', 'closed', 'pending'] } } },
          tenant,
        ],
        responses: { 200: { description: 'list', content: { 'application/json': { schema: { type: 'array', items: ref } } } }, default: problem },
      },
      post: {
        operationId: `create${name}`,
        parameters: [tenant],
        requestBody: { required: true, content: { 'application/json': { schema: ref } } },
        responses: { 201: { description: 'created', content: { 'application/json': { schema: ref } } }, default: problem },
      },
    };
    paths[`/resource${r}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      get: { operationId: `get${name}`, parameters: [tenant], responses: { 200: { description: 'one', content: { 'application/json': { schema: ref } } }, 404: problem } },
      delete: { operationId: `delete${name}`, parameters: [tenant], responses: { 204: { description: 'deleted' }, 404: problem } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Generated API with ${resources * 4} operations`, version: '1.0.0' },
    servers: [{ url: 'https://api.example/v1' }],
    paths,
    components: { schemas },
  };
}
