/**
 * `${ENV_VAR}` references: how the configuration names a secret without containing it. The
 * config loader resolves them in memory for channels (a Slack URL, a webhook secret); a source
 * URL keeps its reference everywhere it is stored or shown and is resolved only by the fetcher
 * (src/fetch/url-references.ts). Both read references with the functions here.
 */

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/gu;

/** Whether `text` contains at least one `${NAME}` reference. */
export function hasEnvReference(text: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*\}/u.test(text);
}

/** One resolved reference: `${name}` stood for `value`. */
export interface Substitution {
  name: string;
  value: string;
}

/**
 * Replaces every `${NAME}` in `text` with its value from `env`. An unset variable becomes "" and
 * is reported through `onMissing`; every substitution made is reported through `onSubstitute`,
 * so callers can hide the values again wherever text is shown.
 */
export function substituteEnvReferences(
  text: string,
  env: NodeJS.ProcessEnv,
  on: { missing?: (name: string) => void; substitute?: (s: Substitution) => void } = {},
): string {
  return text.replace(REFERENCE, (_, name: string) => {
    const value = env[name];
    if (value === undefined) {
      on.missing?.(name);
      return '';
    }
    on.substitute?.({ name, value });
    return value;
  });
}
