import { parseInput } from '@achbridge/core';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { SampleAppDeps } from './app-deps.js';

const argsSchema = z.object({
  app: z.custom<Hono>(
    (value) =>
      typeof value === 'object' && value !== null && typeof (value as { post?: unknown }).post === 'function',
    { message: 'must be a Hono app' },
  ),
  deps: z.looseObject({
    providers: z.looseObject({ plaid: z.looseObject({}) }),
    items: z.looseObject({}),
    events: z.looseObject({}),
  }),
});

/** Validates what a route registrar receives (a Hono app and the sample's dependencies). */
export function parseRouteArgs(operation: string, app: Hono, deps: SampleAppDeps): void {
  parseInput(operation, argsSchema, { app, deps });
}
