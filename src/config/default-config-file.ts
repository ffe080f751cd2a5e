/** The configuration file read when none is named: its own module, so that knowing it loads no validator. */
export const DEFAULT_CONFIG_FILE = 'factwatch.config.json';
