/** Worker-thread entry of the parse pool (`parse-pool.ts`): piscina calls the default export. */
import { parsePage } from './parse-page.ts';

export default parsePage;
