#!/usr/bin/env node
// Entry point for `npx factwatch`: runs the TypeScript sources through tsx, so an install
// needs no build step and the code that runs is the code in the repository.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
