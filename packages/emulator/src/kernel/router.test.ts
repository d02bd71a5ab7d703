import { describe, expect, it } from 'vitest';
import { createRouter, type Route } from './router.js';

const routes: Route<string>[] = [
  { method: 'GET', path: '/customers', handler: 'list' },
  { method: 'POST', path: '/customers', handler: 'create' },
  { method: 'GET', path: '/customers/:customer/sources/:id', handler: 'source' },
  { method: 'DELETE', path: '/customers/:customer/sources/:id', handler: 'detach' },
  { method: 'GET', path: '/', handler: 'root' },
];

describe('createRouter', () => {
  it('matches method + path and decodes named path parameters, also in path order', () => {
    const match = createRouter(routes).match('GET', '/customers/cus%201/sources/ba_2/');
    expect(match).toEqual({
      kind: 'found',
      route: routes[2],
      params: { customer: 'cus 1', id: 'ba_2' },
      values: ['cus 1', 'ba_2'],
    });
    expect(createRouter(routes).match('GET', '/')).toMatchObject({
      kind: 'found',
      route: { handler: 'root' },
    });
  });

  it('answers not-found for unknown paths, empty parameters and undecodable ones', () => {
    const router = createRouter(routes);
    expect(router.match('GET', '/charges')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/customers//sources/x')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/customers/%E0%A4%A/sources/x')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/customers/a/sources/b/c')).toEqual({ kind: 'not-found' });
  });

  it('answers method-not-allowed with every method the known path has, for an Allow header', () => {
    const router = createRouter(routes);
    expect(router.match('PUT', '/customers')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST'] });
    expect(router.match('POST', '/customers/c/sources/s')).toEqual({
      kind: 'method-not-allowed',
      allow: ['GET', 'DELETE'],
    });
  });

  it('optionally folds literal segments and normalises parameters (Dwolla-style ids)', () => {
    const router = createRouter(routes, {
      caseInsensitive: true,
      normaliseParam: (value) => value.toLowerCase(),
    });
    expect(router.match('GET', '/Customers/ABC/SOURCES/Def')).toMatchObject({
      kind: 'found',
      values: ['abc', 'def'],
    });
    expect(createRouter(routes).match('GET', '/Customers')).toEqual({ kind: 'not-found' });
  });

  it('takes routes added later', () => {
    const router = createRouter<string>([]);
    router.add([{ method: 'POST', path: '/webhook-subscriptions', handler: 'subscribe' }]);
    expect(router.match('POST', '/webhook-subscriptions')).toMatchObject({ kind: 'found' });
  });
});

describe('createRouter with strictTrailingSlash', () => {
  it('treats a trailing slash as another, unknown path', () => {
    const router = createRouter([{ method: 'POST', path: '/item/get', handler: 'item' }], {
      strictTrailingSlash: true,
    });
    expect(router.match('POST', '/item/get')).toMatchObject({ kind: 'found' });
    expect(router.match('POST', '/item/get/')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/item/get')).toEqual({ kind: 'method-not-allowed', allow: ['POST'] });
  });
});
