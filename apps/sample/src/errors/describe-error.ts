import {
  AchBridgeError,
  ConfigError,
  InputValidationError,
  NetworkError,
  PlaidApiError,
  ProviderError,
  redactSecrets,
  WebhookVerificationError,
} from '@achbridge/core';
import { EmulatorControlError, EmulatorInputError } from '@achbridge/emulator';
import { StoreError } from '@achbridge/store';
import { SampleError } from './sample-error.js';

/** Who has to act on an error, as the page shows it. */
export type ErrorCategory = 'client_action' | 'user_action' | 'retryable' | 'unknown';

/** The JSON error the server answers with (and the CLI prints); never contains secrets. */
export interface ErrorBody {
  /** Machine-readable code, e.g. `INPUT_VALIDATION_ERROR`, `ITEM_LOCKED`, `resource_missing`. */
  code: string;
  /** Human message. */
  message: string;
  /** The error class, e.g. `PlaidApiError`. */
  type: string;
  /** The offending request field, for validation errors. */
  field?: string;
  /** Who has to act: the developer (client action), the end user, or nobody (retry later). */
  category?: ErrorCategory;
  /** What to do about it. */
  remediation?: string;
  /** Which provider answered. */
  provider?: string;
  /** The provider's request id, for support tickets. */
  requestId?: string;
  /** Whether trying again may succeed. */
  retryable?: boolean;
  /** Extra details (duplicate match, webhook reason, ...). */
  details?: Record<string, unknown>;
}

/** An HTTP status plus the error body. */
export interface DescribedError {
  status: 400 | 401 | 404 | 409 | 422 | 429 | 500 | 502 | 503 | 504;
  error: ErrorBody;
}

function upstreamStatus(status: number | undefined): DescribedError['status'] {
  if (status === 429) return 429;
  if (status === 401 || status === 403) return 502;
  if (status === 404) return 404;
  if (status !== undefined && status >= 400 && status < 500) return status === 409 ? 409 : 400;
  return 502;
}

function categoryOf(error: ProviderError): ErrorCategory {
  if (PlaidApiError.isInstance(error)) return error.category;
  return error.isRetryable ? 'retryable' : 'client_action';
}

/**
 * Maps any thrown value to an HTTP status and a redacted JSON body: bad input 400 naming the field, the
 * sample's own errors their status, provider errors their 4xx (5xx and auth failures upstream become 502)
 * with category and remediation, configuration problems 409, network failures 502/504. Only errors the
 * sample does not know are 500.
 */
export function describeError(error: unknown): DescribedError {
  if (InputValidationError.isInstance(error)) {
    return {
      status: 400,
      error: {
        code: error.code,
        message: error.message,
        type: 'InputValidationError',
        field: error.field,
        category: 'client_action',
        details: { issues: error.issues },
      },
    };
  }
  if (SampleError.isInstance(error)) {
    return {
      status: error.status,
      error: { code: error.code, message: error.message, type: 'SampleError', details: error.details },
    };
  }
  if (WebhookVerificationError.isInstance(error)) {
    return {
      status: error.reason === 'key_fetch_failed' ? 502 : 400,
      error: {
        code: error.code,
        message: error.message,
        type: 'WebhookVerificationError',
        retryable: error.isRetryable,
        details: { reason: error.reason },
      },
    };
  }
  if (ProviderError.isInstance(error)) {
    const body: ErrorBody = {
      code: error.code,
      message: error.message,
      type: error.name,
      category: categoryOf(error),
      provider: error.provider,
      retryable: error.isRetryable,
    };
    if (error.remediation !== undefined) body.remediation = error.remediation;
    if (error.requestId !== undefined) body.requestId = error.requestId;
    if (PlaidApiError.isInstance(error) && error.displayMessage !== null) {
      body.details = { displayMessage: error.displayMessage, errorType: error.errorType };
    }
    return { status: upstreamStatus(error.status), error: body };
  }
  if (ConfigError.isInstance(error)) {
    return {
      status: 409,
      error: { code: error.code, message: error.message, type: 'ConfigError', category: 'client_action' },
    };
  }
  if (NetworkError.isInstance(error)) {
    return {
      status: error.reason === 'timeout' ? 504 : 502,
      error: {
        code: error.code,
        message: error.message,
        type: 'NetworkError',
        category: 'retryable',
        provider: error.provider,
        retryable: error.isRetryable,
        remediation:
          'The provider could not be reached; check the network (or that the emulator is running) and retry.',
      },
    };
  }
  if (StoreError.isInstance(error) && error.isRetryable) {
    return {
      status: 503,
      error: {
        code: error.code,
        message: error.message,
        type: error.name,
        category: 'retryable',
        retryable: true,
        remediation: 'The database is not reachable right now; nothing was half-written. Retry in a moment.',
      },
    };
  }
  if (AchBridgeError.isInstance(error)) {
    return { status: 400, error: { code: error.code, message: error.message, type: error.name } };
  }
  if (error instanceof EmulatorInputError) {
    return {
      status: 400,
      error: { code: 'INVALID_INPUT', message: redactSecrets(error.message), type: 'EmulatorInputError' },
    };
  }
  if (error instanceof EmulatorControlError) {
    return {
      status: upstreamStatus(error.status === 0 ? undefined : error.status),
      error: {
        code: error.code,
        message: redactSecrets(error.message),
        type: 'EmulatorControlError',
        remediation:
          error.status === 0
            ? 'The emulator is not reachable; restart `npm start` (it starts the emulator with the server).'
            : undefined,
      },
    };
  }
  return {
    status: 500,
    error: {
      code: 'INTERNAL_ERROR',
      message: 'The sample server hit an unexpected error; see its console output.',
      type: 'Error',
    },
  };
}
