/** One route of a provider module: an HTTP method, a path pattern with `:name` segments and what handles it. */
export interface Route<H> {
  /** Upper-case HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Path relative to the module's prefix, e.g. `/customers/:customer/sources/:id`. */
  readonly path: string;
  /** The provider's handler (any shape: the router only carries it). */
  readonly handler: H;
}

/** What matching a request against the routes found. */
export type RouteMatch<H> =
  | {
      readonly kind: 'found';
      readonly route: Route<H>;
      /** Decoded path parameters by name. */
      readonly params: Readonly<Record<string, string>>;
      /** The same parameters in path order. */
      readonly values: readonly string[];
    }
  /** The path is known but not for this method; `allow` lists the methods it has (for an `Allow` header). */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

/** How a router compares paths and reads parameters (each provider's documented URL rules). */
export interface RouterOptions {
  /** Match literal segments case-insensitively (Dwolla); default false. */
  readonly caseInsensitive?: boolean | undefined;
  /** Maps each decoded parameter, e.g. lower-casing ids (Dwolla); default unchanged. */
  readonly normaliseParam?: ((value: string) => string) | undefined;
  /** A trailing slash makes a different (unknown) path (Plaid); default false: trailing slashes are ignored. */
  readonly strictTrailingSlash?: boolean | undefined;
}

/** Matches method + path against one provider's route table. */
export interface Router<H> {
  /** Adds routes after the router was created (e.g. a feature attached later). */
  add(routes: readonly Route<H>[]): void;
  /** Matches a path (query string removed; trailing slashes ignored unless `strictTrailingSlash`). */
  match(method: string, path: string): RouteMatch<H>;
}

interface CompiledRoute<H> {
  readonly route: Route<H>;
  readonly segments: readonly string[];
}

function splitPath(path: string, strict = false): string[] {
  return (strict ? path : path.replace(/\/+$/, '')).split('/').slice(1);
}

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded.length === 0 ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Creates the one router every provider module and the control API route with. */
export function createRouter<H>(routes: readonly Route<H>[], options: RouterOptions = {}): Router<H> {
  const fold =
    options.caseInsensitive === true ? (text: string) => text.toLowerCase() : (text: string) => text;
  const normalise = options.normaliseParam ?? ((value: string) => value);
  const compile = (route: Route<H>): CompiledRoute<H> => ({
    route,
    segments: splitPath(route.path).map((segment) => (segment.startsWith(':') ? segment : fold(segment))),
  });
  const compiled = routes.map(compile);

  const bind = (entry: CompiledRoute<H>, segments: readonly string[]): Record<string, string> | undefined => {
    if (entry.segments.length !== segments.length) return undefined;
    const params: Record<string, string> = {};
    for (const [index, part] of entry.segments.entries()) {
      const segment = segments[index] as string;
      if (part.startsWith(':')) {
        const decoded = decodeSegment(segment);
        if (decoded === undefined) return undefined;
        params[part.slice(1)] = normalise(decoded);
      } else if (part !== fold(segment)) {
        return undefined;
      }
    }
    return params;
  };

  return {
    add(more) {
      compiled.push(...more.map(compile));
    },
    match(method, path) {
      const segments = splitPath(path, options.strictTrailingSlash === true);
      const allow: string[] = [];
      for (const entry of compiled) {
        const params = bind(entry, segments);
        if (params === undefined) continue;
        if (entry.route.method === method) {
          const values = entry.segments
            .filter((part) => part.startsWith(':'))
            .map((part) => params[part.slice(1)] as string);
          return { kind: 'found', route: entry.route, params, values };
        }
        if (!allow.includes(entry.route.method)) allow.push(entry.route.method);
      }
      return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
    },
  };
}
