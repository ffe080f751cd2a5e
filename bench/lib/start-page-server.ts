/**
 * Starts `page-server.js` (compiled) in its own process and waits for the port it prints, so
 * serving pages never shares an event loop with the code under test.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../dist/bench/lib/page-server.js', import.meta.url));

export interface PageServer {
  port: number;
  /** POSTs a control request (`/_control/change?…`) to 127.0.0.1 and returns its JSON answer, if any. */
  control(path: string): Promise<unknown>;
  stop(): void;
}

/** `env` is the server's: `ADDRESSES`, `DISTINCT` (see page-server.ts). */
export async function startPageServer(env: Record<string, string>): Promise<PageServer> {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (d: string) => resolve((JSON.parse(d.split('\n')[0]!) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`page server exited (${code})`)));
  });
  return {
    port,
    async control(path) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' });
      const text = await res.text();
      return text ? (JSON.parse(text) as unknown) : null;
    },
    stop: () => child.kill('SIGTERM'),
  };
}
