import { StripeApiError } from './stripe-errors.js';

/** A decoded Stripe parameter value: a string leaf, a nested hash or an array. */
export type FormValue = string | FormHash | FormValue[];

/** A decoded hash of Stripe parameters. */
export interface FormHash {
  [key: string]: FormValue;
}

/** Deepest bracket nesting of a Stripe parameter name (`a[b][c]` is 3). */
export const MAX_FORM_DEPTH = 20;

/** A fresh null-prototype hash: keys such as `__proto__` or `constructor` are ordinary keys in it. */
function newHash(): FormHash {
  return Object.create(null) as FormHash;
}

function invalidShape(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    param,
    message: `Invalid request: the parameter '${param}' is given with conflicting types (a value, a hash and/or an array).`,
  });
}

/** Splits `a[b][]` into `['a', 'b', '']`, or undefined when the brackets are malformed. */
function splitKey(key: string): string[] | undefined {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const head = key.slice(0, open);
  if (head.length === 0) return undefined;
  const parts = [head];
  let rest = key.slice(open);
  while (rest.length > 0) {
    if (parts.length > MAX_FORM_DEPTH) return parts; // refused as too deep; no need to split the rest
    if (!rest.startsWith('[')) return undefined;
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return parts;
}

/** Whether a decoded form value is a nested hash (not a string or an array). */
export function isHash(value: FormValue | undefined): value is FormHash {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assign(target: FormHash, path: string[], value: string, fullKey: string): void {
  let node: FormHash | FormValue[] = target;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index] as string;
    const last = index === path.length - 1;
    const nextIsPush = !last && path[index + 1] === '';
    if (Array.isArray(node)) {
      // `a[]` segments: append a new element (a leaf or a fresh container).
      if (segment !== '') throw invalidShape(fullKey);
      if (last) {
        node.push(value);
        return;
      }
      const child: FormHash | FormValue[] = nextIsPush ? [] : newHash();
      node.push(child);
      node = child;
      continue;
    }
    if (segment === '') throw invalidShape(fullKey);
    const existing: FormValue | undefined = node[segment];
    if (last) {
      if (existing !== undefined && typeof existing !== 'string') throw invalidShape(fullKey);
      node[segment] = value;
      return;
    }
    if (nextIsPush) {
      if (existing === undefined) node[segment] = [];
      else if (!Array.isArray(existing)) throw invalidShape(fullKey);
    } else if (existing === undefined) {
      node[segment] = newHash();
    } else if (!isHash(existing)) {
      throw invalidShape(fullKey);
    }
    node = node[segment] as FormHash | FormValue[];
  }
}

/**
 * Decodes Stripe-style form parameters with bracket nesting (`metadata[k]=v`, `a[b][c]=v`,
 * `list[]=x`, `list[0]=x`). Indexed keys decode to hashes keyed by the index; readers turn them
 * into arrays where the parameter is a list. Throws a Stripe 400 for conflicting shapes.
 */
export function decodeStripeForm(params: URLSearchParams): FormHash {
  const root = newHash();
  for (const [key, value] of params) {
    const path = splitKey(key);
    if (path !== undefined && path.length > MAX_FORM_DEPTH) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        param: path[0] ?? key.slice(0, 100),
        message: `Invalid request: the parameter '${path[0] ?? ''}' is nested more than ${MAX_FORM_DEPTH} levels deep.`,
      });
    }
    if (path === undefined) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        param: key,
        message: `Invalid request: malformed parameter name '${key}'.`,
      });
    }
    assign(root, path, value, key);
  }
  return root;
}
