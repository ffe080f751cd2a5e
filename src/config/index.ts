export * from './schema.ts';
export * from './validate-config.ts';
export * from './load-config.ts';
export * from './resolve-source.ts';
