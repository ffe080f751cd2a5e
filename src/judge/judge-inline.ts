/**
 * The judge on the calling thread, for tests of the check itself. The judge (and the extraction
 * stack under it, ~27 MB) is loaded on the first page it judges, not when a check module is
 * imported: a process that judges on the pool, or sees only unchanged pages, never loads it.
 */
import type { JudgePage } from './judge-pool.ts';

let judge: Promise<typeof import('./judge-capture.ts')> | null = null;

export const judgeInline: JudgePage = async (task) => (await (judge ??= import('./judge-capture.ts'))).judgeCapture(task.capture, task.previous, task.ctx);
