import { connect } from 'node:net';
import type { buildConnector } from 'undici';

/**
 * The demo's transport (`HttpClientDeps.transport`): connections to the real page's origin
 * (`https://www.diplomatie.gouv.fr`) go to the replay server on 127.0.0.1, as plain HTTP; any
 * other origin is refused. So the pipeline requests, follows, stores and shows the real URLs, and
 * the loopback address is only how the bytes travel — no `allowNetworks` opening loopback, and no
 * way for a redirect or a link to reach anything but the replay.
 */
export function createReplayTransport(origin: string, replayPort: number): buildConnector.connector {
  const real = new URL(origin);
  const realPort = real.port || (real.protocol === 'https:' ? '443' : '80');
  return (options, callback) => {
    const port = options.port || (options.protocol === 'https:' ? '443' : '80');
    if (options.hostname !== real.hostname || options.protocol !== real.protocol || port !== realPort) {
      callback(new Error(`the demo replays ${real.origin} only; refused ${options.protocol}//${options.hostname}:${port}`), null);
      return;
    }
    const socket = connect({ host: '127.0.0.1', port: replayPort });
    const fail = (err: Error) => callback(err, null);
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      callback(null, socket);
    });
  };
}
