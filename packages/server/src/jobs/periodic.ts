import type { Logger } from '../log.js';

/**
 * Runs `task` now and then every `intervalMs`, never two runs at once, until stopped; `stop`
 * waits for a run in progress, so stores can be closed after it. A failed run is logged by the
 * error's kind only (a message could quote a value from the database) and the next run goes on.
 */
export function runPeriodically(
  name: string,
  task: () => Promise<void>,
  options: { readonly intervalMs?: number | undefined; readonly logger: Logger; readonly runNow?: boolean },
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = task()
      .catch((error: unknown) => options.logger.error({ event: `${name}_failed`, error: error instanceof Error ? error.name : 'unknown' }))
      .finally(() => (running = undefined));
  };
  if (options.runNow ?? true) tick();
  const timer = setInterval(tick, options.intervalMs ?? 5_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
