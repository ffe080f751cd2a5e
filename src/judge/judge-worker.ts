/** Worker-thread entry of the judge pool (`judge-pool.ts`): piscina calls the default export. */
import { judgeCapture } from './judge-capture.ts';
import type { JudgeTask } from './judge-pool.ts';
import type { Verdict } from './verdict.ts';

/** `null` is the pool's warm-up task: it returns once this thread has loaded the judge. */
export default function judgeTask(task: JudgeTask | null): Verdict | null {
  return task === null ? null : judgeCapture(task.capture, task.previous, task.ctx);
}
