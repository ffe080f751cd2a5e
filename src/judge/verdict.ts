import type { FactwatchCode } from '../app/errors.ts';
import type { Change, PageDocument } from '../model/index.ts';
import type { SuspectRule } from './assess-page.ts';

/**
 * What a capture means, as a value: the judge's whole answer. A sink turns it into rows (a check
 * row and a version for a live check, a placement and a ledger row for an import); the judge
 * itself writes nothing.
 */
export type Verdict =
  /** 304: the server says nothing changed since `versionId` (null: no version was held). */
  | { kind: 'not_modified'; versionId: number | null }
  /** The bytes are the current version's: decided without a parse. */
  | { kind: 'same_bytes'; versionId: number }
  /** Different bytes, same content (a rotating token in the chrome): no revision. */
  | { kind: 'same_content'; versionId: number }
  /**
   * Something standing in the page's place (assess-page.ts): no version. `contentHash` is set for
   * a shrunken page, so repeated sightings of the same content can confirm it.
   */
  | { kind: 'suspect'; rule: SuspectRule; reason: string; contentHash: string | null }
  /** Extraction failed or hit a limit (`too_many_figures`, `too_slow`, `extraction_failed` …). */
  | { kind: 'failed'; code: FactwatchCode; message: string }
  /** The first version of the source. */
  | { kind: 'new'; document: PageDocument; contentHash: string; summary: string; labels?: FigureLabels }
  /** A revision of version `fromVersionId`, with the diff from it. */
  | { kind: 'changed'; document: PageDocument; contentHash: string; change: Change; summary: string; fromVersionId: number; labels?: FigureLabels };

/**
 * The labels of the figures that read differently from the previous version's, keyed by
 * `figureLabelKey` (src/describe/label-figures.ts): computed on the judge's thread, where the
 * figures are made, so the writer's refresh of the kept series facts need not (≈0.1 ms a figure
 * on the thread that stores and renews leases). Absent: the writer labels what it needs itself.
 */
export type FigureLabels = Readonly<Record<string, string>>;
