import { createTask, validate } from 'node-cron';
import { ConfigError } from '../app/errors.ts';
import type { Logger } from '../app/log.ts';
import { loggable } from '../store/pg-error.ts';

export interface Ticker {
  /** Stops future ticks (one in progress keeps running; await it separately). */
  stop(): Promise<void>;
}

/**
 * node-cron drives the tick, nothing more: what is due is decided from the injected clock and
 * the due times stored per source. `noOverlap` skips a tick while the previous one still runs,
 * so a slow pass never stacks up passes. Six-field expressions tick on seconds. The tick is
 * validated by node-cron, which runs it; a source's schedule is cron-parser's (`read-schedule.ts`).
 */
export function startTicker(expression: string, onTick: () => Promise<void>, log: Logger): Ticker {
  if (!validate(expression)) throw new ConfigError([`tick: "${expression}" is not a valid cron expression`]);
  const task = createTask(expression, onTick, {
    noOverlap: true,
    name: 'factwatch-tick',
    // node-cron logs to the console (info to stdout); route it to our stderr logger instead.
    // "still running, blocked by overlap prevention" is the intended behaviour, hence debug.
    logger: {
      info: (m) => log.debug(m),
      warn: (m) => log.debug(m),
      debug: (m) => log.debug(String(m)),
      error: (m, err) => log.error({ err: loggable(err) }, String(m)),
    },
  });
  void task.start();
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
