/** Records every unhandled promise rejection while installed. */
export interface RejectionWatch {
  /** The rejection reasons seen so far. */
  readonly reasons: unknown[];
  /** Removes the listener. */
  stop(): void;
}

/** Installs a process `unhandledRejection` listener that records reasons. */
export function watchUnhandledRejections(): RejectionWatch {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { reasons, stop: () => process.off('unhandledRejection', listener) };
}
