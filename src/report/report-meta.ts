import type { PageDocument } from '../model/index.ts';

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
  /** The newer document; lets a first-capture report count sections and figures. */
  document?: PageDocument;
}
