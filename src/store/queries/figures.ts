/** Figures over time: "every value of bilateral trade since 2011". */
import { and, asc, eq } from 'drizzle-orm';
import { newestFirst, oldestFirst } from './version-order.ts';
import type { Db } from '../db.ts';
import { figures, versions } from '../schema.ts';
import type { FigurePoint } from '../types.ts';

const point = {
  seq: versions.seq,
  capturedAt: versions.capturedAt,
  key: figures.key,
  series: figures.series,
  kind: figures.kind,
  valueNum: figures.valueNum,
  valueText: figures.valueText,
  unit: figures.unit,
  raw: figures.raw,
  period: figures.period,
};

/**
 * With `series`: that figure in every version that has it, oldest first — following its series,
 * so a figure whose key changed in a later revision is still one line (`Figure.series`). A
 * series is named by the figure's key when it was first seen. Without: the figures of the latest
 * version, in page order — what to offer as series to follow.
 */
export async function figureSeries(db: Db, sourceId: string, series?: string): Promise<FigurePoint[]> {
  let rows;
  if (series !== undefined) {
    rows = await db
      .select(point)
      .from(figures)
      .innerJoin(versions, eq(versions.id, figures.versionId))
      .where(and(eq(figures.sourceId, sourceId), eq(figures.series, series)))
      .orderBy(...oldestFirst(), asc(figures.id));
  } else {
    const [latest] = await db
      .select({ id: versions.id })
      .from(versions)
      .where(eq(versions.sourceId, sourceId))
      .orderBy(...newestFirst())
      .limit(1);
    if (!latest) return [];
    rows = await db
      .select(point)
      .from(figures)
      .innerJoin(versions, eq(versions.id, figures.versionId))
      .where(eq(figures.versionId, latest.id))
      .orderBy(asc(figures.id));
  }
  return rows.map(({ valueNum, valueText, ...rest }) => ({ ...rest, value: valueNum ?? valueText ?? '' }));
}
