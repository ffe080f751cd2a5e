// Worker-thread entry of the parse pool (parse-pool.ts). Plain JS because a worker does not
// inherit the tsx loader that `src/cli/bin.js` registers in the main thread: it registers its own.
import { register } from 'tsx/esm/api';

register();
const { parsePage } = await import('./parse-page.ts');

export default parsePage;
