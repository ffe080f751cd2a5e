/**
 * Figures and changes in a reader's words: a figure's label and value, a change's delta and
 * summary line. Pure and shared by every output (reports, notifications, the web pages, the
 * CLI), so they all say the same thing the same way; laying the words out is report/'s job.
 */
export { labelFigure } from './label-figure.ts';
export { formatFigureValue, formatFigureDelta, formatMoney } from './format-value.ts';
export { summarizeChange, describeFigureChange } from './summarize-change.ts';
