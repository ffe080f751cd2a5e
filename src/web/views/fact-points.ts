/**
 * One series' points as evidence (issue 18, "citable evidence"): each point with the version it
 * came from — a link to that version, its capture time, the URL it was served from, the SHA-256
 * of its content and, for an imported version, the Internet Archive capture — and a "cite"
 * disclosure holding the plain-text citation (src/describe/cite-point.ts). A `<details>` opens
 * without script; the citation is plain text in the page, to select and copy.
 */
import { html } from 'hono/html';
import { formatValueWithPeriod } from '../../describe/value-with-period.ts';
import type { FigureKind } from '../../model/index.ts';
import type { FactPointJson } from '../../report/fact-json.ts';
import { formatCapturedAt, sourcePath } from './format.ts';
import { scrollBox, type Html } from './layout.ts';
import { pageLink } from './page-link.ts';

export interface EvidenceSeries {
  source: string;
  kind: FigureKind;
  unit: string | null;
  points: readonly FactPointJson[];
}

export function renderFactPoints(s: EvidenceSeries): Html {
  return scrollBox(html`<table class="evidence"><thead><tr><th>Version</th><th>Captured</th><th>Value</th><th>Evidence</th></tr></thead><tbody>
    ${s.points.map(
      (p) => html`<tr data-version="${p.version}">
        <td><a href="${sourcePath(s.source, `/versions/${p.version}`)}">v${p.version}</a></td>
        <td>${formatCapturedAt(new Date(p.capturedAt))}</td>
        <td class="value">${formatValueWithPeriod({ kind: s.kind, value: p.value, unit: s.unit, period: p.period })}<div class="small muted">as printed: ${p.raw}</div></td>
        <td class="proof small">
          <div>served from ${pageLink(p.evidence.finalUrl)}</div>
          <div>sha256 <code class="hash">${p.evidence.contentHash}</code></div>
          ${p.evidence.archiveUrl === null ? null : html`<div class="archive">imported from the Internet Archive capture ${pageLink(p.evidence.archiveUrl)}</div>`}
          <details class="cite"><summary>cite</summary><p class="citation">${p.citation}</p></details>
        </td>
      </tr>`,
    )}
    </tbody></table>`);
}
