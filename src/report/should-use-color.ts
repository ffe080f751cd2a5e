/**
 * Whether terminal output should be coloured.
 *
 * Follows Node's own rule (`tty.WriteStream#getColorDepth`): `FORCE_COLOR` wins when set
 * (`0` or `false` forces colour off, any other value on), then `NO_COLOR` turns colour off
 * whatever its value (https://no-color.org), then colour only on a TTY whose TERM is not
 * "dumb". A pipe or file never gets escape codes unless asked.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env['NO_COLOR'] !== undefined) return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}
