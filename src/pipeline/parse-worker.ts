/** Worker-thread entry of the parse pool (`parse-pool.ts`): piscina calls the default export. */
import { parsePage, type ParsePageInput, type ParsePageOutput } from './parse-page.ts';

/** `null` is the pool's warm-up task: it returns once this thread has loaded the extractor. */
export default function parseTask(input: ParsePageInput | null): ParsePageOutput | null {
  return input === null ? null : parsePage(input);
}
