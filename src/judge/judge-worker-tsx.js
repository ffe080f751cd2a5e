// Worker-thread entry of the judge pool when factwatch runs from its TypeScript sources (tests,
// `npx tsx`): a worker does not inherit the tsx loader of the main thread, so it registers its
// own. The compiled build (`dist/`) starts `judge-worker.js`, compiled from judge-worker.ts.
import { register } from 'tsx/esm/api';

register();
const { default: judgeTask } = await import('./judge-worker.ts');

export default judgeTask;
