import type { Hono } from 'hono';
import { demonstrateModeGuard } from '../../production/mode-guard-demo.js';
import { productionChecklist } from '../../production/production-checklist.js';
import type { SampleAppDeps } from '../app-deps.js';
import { parseRouteArgs } from '../route-args.js';

/** `/api/production/*`: the FAQ's checklist and a live run of the Stripe mode guard. */
export function registerProductionRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerProductionRoutes', app, deps);
  app.get('/api/production/checklist', (c) =>
    c.json({ items: productionChecklist({ mode: deps.mode, plaidBaseUrl: deps.providers.plaid.baseUrl }) }),
  );
  app.post('/api/production/mode_guard', (c) => {
    const liveKey = deps.providers.emulator?.liveSecretKey;
    return c.json(
      demonstrateModeGuard({ plaid: deps.providers.plaid, ...(liveKey === undefined ? {} : { liveKey }) }),
    );
  });
}
