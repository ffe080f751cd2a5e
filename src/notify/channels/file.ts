import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { DeliveryError } from '../delivery-error.ts';

/** One JSON line per notification, appended to a file. */
export function createFileChannel(name: string, config: ChannelConfigOf<'file'>, deps: ChannelDeps): Channel {
  const path = resolve(deps.baseDir, config.path);
  return {
    name,
    type: 'file',
    close: async () => {},
    async send(n) {
      // One write of one line with O_APPEND: concurrent workers' lines do not interleave.
      const line = `${JSON.stringify({ key: n.key, ...n.payload })}\n`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, line, 'utf8');
      } catch (err) {
        throw new DeliveryError(`${path}: ${(err as Error).message}`, { retryable: true, cause: err });
      }
    },
  };
}
