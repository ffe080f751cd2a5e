import type { PageFacts } from '../describe/summarize-change.ts';

/** What a report says about where a change comes from; supplied by the store. */
export interface ReportMeta {
  /** Source id (slug from the configuration). */
  source: string;
  changeId?: number | null;
  fromVersion: number | null;
  toVersion: number;
  fromCapturedAt: Date | null;
  toCapturedAt: Date;
  fromUrl: string | null;
  toUrl: string;
  /** Title of the page in the newer version. */
  title: string;
  /**
   * Two pages compared by `factwatch diff`, named as they were given (files or URLs): not stored
   * versions, so the report shows no version numbers, capture times or "page moved" between them.
   */
  compared?: { from: string; to: string };
  /** The newer version's counts and stamp: what a first-capture report states of the page. */
  page?: PageFacts;
  /** What each channel was sent, in words (notification-lines.ts); absent where the report is itself the notification. */
  notifications?: string[];
}
