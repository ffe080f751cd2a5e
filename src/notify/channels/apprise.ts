import { spawn } from 'node:child_process';
import type { Channel, ChannelConfigOf, ChannelDeps } from '../channel.ts';
import { DeliveryError } from '../delivery-error.ts';
import { messageSubject, messageText, oneLine } from '../message-text.ts';

/** Bytes of the command's output kept, to quote the start of its complaint. */
const MAX_OUTPUT_BYTES = 4096;
/** Characters of that output quoted in the delivery's `last_error`. */
const QUOTED_OUTPUT_CHARS = 300;

/**
 * Hands the message to the Apprise CLI (https://github.com/caronc/apprise), one way to reach
 * 100+ services. No shell: the command and its arguments are an argv array. The title is one
 * argument (`--title=…`, so a title starting with "-" is still a value); the body goes on
 * stdin; the Apprise URLs — credentials — go in the child's `APPRISE_URLS` environment variable,
 * which Apprise reads when no URL is on its command line, so they never show in `ps`.
 *
 * The run has the channel deadline, after which it is killed; its output is read up to 4 KB. A
 * missing command is configuration to fix (not retried); a non-zero exit may be a service that is
 * down (retried), quoted from its output with the URLs hidden.
 */
export function createAppriseChannel(name: string, config: ChannelConfigOf<'apprise'>, deps: ChannelDeps): Channel {
  const command = config.command ?? 'apprise';
  return {
    name,
    type: 'apprise',
    close: async () => {},
    send: (n) =>
      runApprise(command, ['--input-format=text', `--title=${messageSubject(n.message)}`], messageText(n.message), {
        env: { ...(deps.env ?? process.env), APPRISE_URLS: config.urls.join(' ') },
        timeoutMs: deps.timeoutMs,
        secrets: config.urls,
      }),
  };
}

function runApprise(command: string, args: string[], stdin: string, opts: { env: NodeJS.ProcessEnv; timeoutMs: number; secrets: readonly string[] }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const output = { stdout: capped(), stderr: capped() };
    child.stdout.on('data', (c: Buffer) => output.stdout.add(c));
    child.stderr.on('data', (c: Buffer) => output.stderr.add(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    // A child that exits without reading stdin makes the write fail with EPIPE: its exit says why.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin, 'utf8');
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(new DeliveryError(`${command} not found on PATH (install Apprise, or set the channel's "command")`, { retryable: false }));
      else if (err.code === 'EACCES') reject(new DeliveryError(`${command} cannot be run (permission denied)`, { retryable: false }));
      else reject(new DeliveryError(`${command}: ${err.message}`, { retryable: true }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new DeliveryError(`${command} timed out after ${opts.timeoutMs} ms`, { retryable: true }));
      if (code === 0) return resolve();
      const said = quote(output.stderr.text() || output.stdout.text(), opts.secrets);
      const status = code === null ? `was killed (${signal})` : `exited with ${code}`;
      reject(new DeliveryError(`${command} ${status}${said ? `: ${said}` : ''}`, { retryable: true }));
    });
  });
}

/** Collects at most MAX_OUTPUT_BYTES of a stream; the rest is read and dropped. */
function capped() {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk: Buffer) {
      if (size >= MAX_OUTPUT_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_OUTPUT_BYTES - size));
      size += Math.min(chunk.length, MAX_OUTPUT_BYTES - size);
    },
    text: () => Buffer.concat(chunks).toString('utf8').trim(),
  };
}

/** The start of what the command said, on one line, without control characters or the URLs it was given. */
function quote(text: string, secrets: readonly string[]): string {
  const hidden = secrets.filter((s) => s !== '').reduce((t, s) => t.split(s).join('…'), text);
  return oneLine(hidden).slice(0, QUOTED_OUTPUT_CHARS);
}
