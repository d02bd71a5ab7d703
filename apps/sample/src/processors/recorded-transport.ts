import type { FetchFunction } from '@achbridge/core';
import { createRecordingFetch } from '../calls/recording-fetch.js';
import type { ProcessorClientContext } from './sample-processor.js';

/**
 * Where a processor's client sends its calls in the sample, the same for every processor: the emulator's
 * mount (`mount` under its origin, e.g. `/dwolla`) in emulator mode, else the client's own host, and a fetch
 * that records each call (method, path, status, request id) for the running flow.
 */
export function recordedTransport(
  context: Pick<ProcessorClientContext, 'emulatorUrl'>,
  provider: string,
  mount = '',
): { baseUrl?: string; fetch: FetchFunction } {
  const { emulatorUrl } = context;
  const fetch = createRecordingFetch({
    provider,
    fetch: globalThis.fetch,
    ...(emulatorUrl === undefined || mount === '' ? {} : { basePath: mount }),
  });
  return emulatorUrl === undefined ? { fetch } : { baseUrl: `${emulatorUrl}${mount}`, fetch };
}
