import swagger from '@fastify/swagger';
import { ErrorResponse } from '@xiuhua/contract';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3.1 generated from the route schemas (the contract package). */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xiuhua 绣花 API',
        version: '0.1.0',
        description:
          'City grid management platform (城市网格化综合管理). Errors are { error: { code, message, details } }; ' +
          'send Accept-Language: en for English messages (default zh-CN). Authenticate with the session cookie ' +
          'from POST /api/auth/login or with Authorization: Bearer <API token>.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'xh_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
