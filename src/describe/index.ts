/**
 * Figures and changes in a reader's words: a figure's label and value (with its period), a
 * change's delta and summary line, the lead section's name. Pure and shared by every output
 * (reports, notifications, the web pages, the CLI), so they all say the same thing the same way;
 * laying the words out is report/'s job.
 */
export { labelFigure } from './label-figure.ts';
export { describeFigureDelta, formatFigureDelta, formatFigureValue, formatMoney, type DeltaWords } from './format-value.ts';
export { formatValueWithPeriod, shownPeriod, valueWithPeriod } from './value-with-period.ts';
export { LEAD_SECTION_NAME, LEAD_SECTION_SHORT_NAME, sectionName } from './section-name.ts';
export { textExcerpt } from './text-excerpt.ts';
export { describeFigureChange, pageFactsOf, summarizeChange, summarizeFirstCapture, type PageFacts } from './summarize-change.ts';
