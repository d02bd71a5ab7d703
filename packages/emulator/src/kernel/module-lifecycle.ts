import type { EmulatorClock, EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import type { DeclaredState } from './declared-state.js';

/** An error class whose instances end a request with the provider's own answer. */
export type AnsweringErrorClass = abstract new (...args: never[]) => { toResponse(): EmulatorResponse };

/**
 * Makes a module's `handle` from its synchronous request path: an instance of the provider's error class answers
 * as itself, anything else thrown gets the provider's internal error answer, so bad input never escapes as a throw.
 */
export function guardHandle(
  route: (request: EmulatorRequest) => EmulatorResponse,
  errorClass: AnsweringErrorClass,
  internalError: () => EmulatorResponse,
): (request: EmulatorRequest) => Promise<EmulatorResponse> {
  return async (request) => {
    try {
      return route(request);
    } catch (error) {
      return error instanceof errorClass ? error.toResponse() : internalError();
    }
  };
}

/**
 * A module's state lifecycle derived from its declared state: `snapshot` at the clock's now (after `beforeSnapshot`,
 * e.g. lazy settlement of what is due), `reset`, and `exportState` / `importState` for `--state-file`.
 */
export function declaredLifecycle<S extends object>(
  declared: DeclaredState<S>,
  clock: EmulatorClock,
  beforeSnapshot?: (now: number) => void,
): Required<Pick<ProviderModule, 'snapshot' | 'reset' | 'exportState' | 'importState'>> {
  return {
    snapshot() {
      const now = clock.now();
      beforeSnapshot?.(now);
      return declared.snapshot({ now });
    },
    reset() {
      declared.reset();
    },
    exportState: declared.exportState,
    importState: declared.importState,
  };
}
