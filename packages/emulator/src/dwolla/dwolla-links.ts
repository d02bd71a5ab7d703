import type { DwollaHalLink } from './dwolla-errors.js';
import { DWOLLA_MEDIA_TYPE } from './dwolla-media.js';

/** Builds absolute HAL links under the emulated API base (`<origin>/dwolla`). */
export interface DwollaLinks {
  /** The API base, e.g. `http://127.0.0.1:4010/dwolla`. */
  readonly base: string;
  /** Absolute URL of a path under the base, e.g. `href('/customers/1')`. */
  href(path: string): string;
  /** A full HAL link object for a path and resource type. */
  link(path: string, resourceType: string): DwollaHalLink;
}

/** Creates the link builder for one request's origin. */
export function createDwollaLinks(origin: string): DwollaLinks {
  const base = `${origin.replace(/\/+$/, '')}/dwolla`;
  return {
    base,
    href: (path) => `${base}${path}`,
    link: (path, resourceType) => ({
      href: `${base}${path}`,
      type: DWOLLA_MEDIA_TYPE,
      'resource-type': resourceType,
    }),
  };
}

/**
 * The resource id at the end of a Dwolla URL of the given collection (e.g. `exchanges`), any host,
 * lower-cased; undefined when the URL does not point into that collection.
 */
export function idFromHref(href: string, collection: string): string | undefined {
  const path = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const match = new RegExp(`/${collection}/([^/]+)/?$`, 'i').exec(path);
  return match?.[1]?.toLowerCase();
}
