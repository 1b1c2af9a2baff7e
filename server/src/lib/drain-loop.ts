/**
 * Runs `pass` over and over until it finds nothing to do (answers 0) or `stopped()`, one run at
 * a time: a call while a run is going asks for one more round after it, so that work written
 * meanwhile goes now rather than at the next tick. The outbox relays (events and email) drain
 * this way. A failure is logged and ends the run; the next call or tick starts again.
 */
export function drainLoop(
  pass: () => Promise<number>,
  stopped: () => boolean,
  label: string,
): { drain(): Promise<void>; settled(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    drain() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          while (!stopped() && (await pass()) > 0);
        } while (again && !stopped());
      })()
        .catch((error: unknown) =>
          console.error(`${label} failed:`, error instanceof Error ? error.message : error),
        )
        .finally(() => {
          running = null;
        });
      return running;
    },
    /** Resolves when no run is going. */
    settled: () => running ?? Promise.resolve(),
  };
}
