import { parseInput } from '@achbridge/core';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { SampleAppDeps } from './app-deps.js';
import { errorResponse } from './error-response.js';
import { createRequestGuard } from './request-guard.js';
import { createRequestLog } from './request-log.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerFlowRoutes } from './routes/flow-routes.js';
import { registerInfoRoutes } from './routes/info-routes.js';
import { registerItemRoutes } from './routes/item-routes.js';
import { registerLinkRoutes } from './routes/link-routes.js';
import { registerOutcomeRoutes } from './routes/outcome-routes.js';
import { registerProductionRoutes } from './routes/production-routes.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';

/** Largest accepted request body (the sample's bodies are small JSON objects and webhooks). */
export const BODY_LIMIT_BYTES = 256 * 1024;

const depsSchema = z.object({
  mode: z.enum(['emulator', 'sandbox']),
  providers: z.looseObject({ plaid: z.looseObject({}) }),
  items: z.looseObject({}),
  events: z.looseObject({}),
  webhooks: z.looseObject({}),
  webhookUrl: z.custom<() => string | undefined>((value) => typeof value === 'function'),
  publicDir: z.string().min(1),
  requestLog: z.custom<(line: string) => void>((value) => typeof value === 'function').optional(),
});

/** Creates the sample's Hono app: JSON API under /api (errors as JSON, never a stack trace) and the static page. */
export function createSampleApp(deps: SampleAppDeps): Hono {
  parseInput('createSampleApp', depsSchema, deps);
  const app = new Hono();
  app.onError(errorResponse);
  app.use('*', createRequestGuard(deps));
  if (deps.requestLog !== undefined) app.use('/api/*', createRequestLog(deps.requestLog));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'BODY_TOO_LARGE',
              message: `Request bodies are limited to ${BODY_LIMIT_BYTES} bytes.`,
              type: 'SampleError',
            },
          },
          413,
        ),
    }),
  );
  registerInfoRoutes(app, deps);
  registerLinkRoutes(app, deps);
  registerFlowRoutes(app, deps);
  registerOutcomeRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerProductionRoutes(app, deps);
  app.all('/api/*', (c) =>
    c.json(
      {
        error: {
          code: 'NOT_FOUND',
          message: `No API route ${c.req.method} ${c.req.path}.`,
          type: 'SampleError',
        },
      },
      404,
    ),
  );
  app.use('/*', serveStatic({ root: deps.publicDir }));
  app.notFound((c) => c.text('Not found', 404));
  return app;
}
