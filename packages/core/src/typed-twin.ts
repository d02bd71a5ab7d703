/**
 * Public objects (a Plaid client, a Dwolla client, an exchange memo) validate every call's input, because
 * users call them. So that a value is parsed once per public call, the factory of such an object registers
 * beside it the same methods without the input parsing, and an adapter that holds values it has already
 * validated calls those. An object built elsewhere (a user's own client, a test double) has no twin, and its
 * own methods run.
 */
const twins = new WeakMap<object, object>();

/** Registers `typed`, the methods of `publicObject` without input parsing, for internal callers; returns `publicObject`. */
export function registerTypedTwin<T extends object>(publicObject: T, typed: Partial<T>): T {
  twins.set(publicObject, typed);
  return publicObject;
}

/**
 * `publicObject` with its registered methods that skip input parsing (for callers whose values are already
 * validated and typed), or `publicObject` itself when none were registered.
 */
export function typedTwin<T extends object>(publicObject: T): T {
  const typed = twins.get(publicObject);
  if (typed === undefined) return publicObject;
  // Keeps every other property (environment, baseUrl, ...) as the public object has it.
  return Object.assign(Object.create(publicObject) as T, typed);
}
