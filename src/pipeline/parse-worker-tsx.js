// Worker-thread entry of the parse pool when factwatch runs from its TypeScript sources (tests,
// `npx tsx`): a worker does not inherit the tsx loader of the main thread, so it registers its
// own. The compiled build (`dist/`) starts `parse-worker.js`, compiled from parse-worker.ts.
import { register } from 'tsx/esm/api';

register();
const { default: parsePage } = await import('./parse-worker.ts');

export default parsePage;
