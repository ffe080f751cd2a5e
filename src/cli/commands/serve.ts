import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { printLine } from '../output.ts';
import type { AppContext } from '../../root/app-context.ts';
import { publicUrlSchema } from '../../config/schema.ts';
import { loadOptionalCommandConfig, withContext } from '../with-context.ts';

/**
 * `factwatch serve`: the review UI and JSON API on 127.0.0.1:8080 until SIGINT/SIGTERM. The
 * promise resolves on the signal, so the context closes (PGlite flushed and unlocked) and
 * main.ts exits 0 as for any other command.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the review UI and JSON API (127.0.0.1:8080 by default)')
    .option('--host <host>', 'address to listen on; beyond loopback FACTWATCH_TOKEN is required', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--public-url <url>', 'the origin users reach the UI by (behind a proxy); overrides serve.publicUrl')
    .action(async (opts: UiOptions, cmd: Command) => {
      const ui = await prepareUi(opts, cmd); // before opening the database: fail fast
      await withContext(cmd, async (ctx) => {
        const server = await ui.start(ctx);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await server.close();
      });
    });
}

/** What `serve` and `watch --serve` need to start the UI, checked before anything is opened. */
export interface PreparedUi {
  start(ctx: AppContext): Promise<{ url: string; close(): Promise<void> }>;
}

/** The UI's command-line options, shared by `serve` and `watch --serve`. */
export interface UiOptions {
  host: string;
  port: string;
  publicUrl?: string;
}

/**
 * Validates the UI's address, public URL and token and loads the web stack (hono, charts, feeds,
 * metrics), which only a command that serves needs. Throws a UsageError before any database is
 * opened.
 */
export async function prepareUi(opts: UiOptions, cmd: Command): Promise<PreparedUi> {
  const port = Number(opts.port);
  if (!/^\d{1,5}$/u.test(opts.port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${opts.port}"`);
  if (opts.publicUrl !== undefined && !publicUrlSchema.safeParse(opts.publicUrl).success) {
    throw new UsageError(`--public-url must be an http(s) origin such as https://factwatch.example.org, not "${opts.publicUrl}"`);
  }
  const publicUrl = opts.publicUrl ?? (await loadOptionalCommandConfig(cmd))?.serve?.publicUrl ?? null;
  const token = process.env.FACTWATCH_TOKEN?.trim() || null;
  const { assertBindAllowed, assertListenHost, startWebServer } = await import('../../web/start-server.ts');
  assertListenHost(opts.host);
  assertBindAllowed(opts.host, token);
  return {
    async start(ctx) {
      const server = await startWebServer({ db: ctx.db, clock: ctx.clock, log: ctx.log, token }, { host: opts.host, port, publicUrl });
      printLine(`factwatch: serving the review UI on ${server.url}/ (${ctx.dbKind}${token === null ? '' : ', token required'}${publicUrl ? `, public at ${publicUrl}` : ''}); Ctrl-C to stop`);
      return server;
    },
  };
}
