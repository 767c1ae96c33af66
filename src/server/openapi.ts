import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 generated from the zod schemas: /api/openapi.json and the browsable /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CanhGac API',
        version: '0.1.0',
        description:
          'Cyber incident response platform. Authenticate with the session cookie from POST /api/auth/login ' +
          '(then send the csrfToken from the login or /api/me response as the `x-csrf-token` header on every ' +
          'non-GET request), or with `Authorization: Bearer <API token>` (no CSRF needed). Errors: ' +
          '`{"error":{"code","message"}}` with the message in the Accept-Language (vi or en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cg_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { auth: 'public', routeClass: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
