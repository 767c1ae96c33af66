import type { Block, CellValue, DocumentModel, TableBlock } from './model.ts';
import {
  cellText,
  cleanModel,
  columnWidths,
  legalDateLine,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  numberLine,
  upper,
} from './text.ts';

/** Fonts with Vietnamese coverage: Times New Roman where installed, then metric-compatible or close ones. */
export const SERIF_STACK = '"Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const lines = (text: string) => escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');

const CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: ${SERIF_STACK}; font-size: 13pt; vertical-align: bottom; padding-bottom: 4mm; } }
@page :first { @top-center { content: none; } }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${SERIF_STACK}; font-size: 14pt; line-height: 1.3; color: #000; }
table.layout { width: 100%; border-collapse: collapse; }
table.layout td { vertical-align: top; text-align: center; padding: 0; }
.org-parent { font-size: 13pt; }
.org { font-size: 13pt; font-weight: bold; }
.nation { font-size: 13pt; font-weight: bold; white-space: nowrap; }
.motto { font-size: 14pt; font-weight: bold; }
.rule { border-top: 1px solid #000; margin: 2px auto 0; }
.org-rule { width: 35%; }
.motto-rule { width: 62%; }
.number { font-size: 13pt; margin-top: 8pt; }
.about { font-size: 12pt; }
.place-date { font-style: italic; margin-top: 8pt; }
.draft { text-align: right; font-weight: bold; font-size: 12pt; }
.kind { text-align: center; font-weight: bold; margin-top: 24pt; }
.title { text-align: center; font-weight: bold; margin-bottom: 12pt; }
h2 { font-size: 14pt; font-weight: bold; margin: 8pt 0 4pt; text-indent: 10mm; page-break-after: avoid; }
p.body { text-align: justify; text-indent: 10mm; margin: 4pt 0; }
.caption { font-style: italic; font-size: 13pt; margin: 8pt 0 4pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin-bottom: 8pt; table-layout: fixed; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: break-word; }
table.data th { background: #d9e2f3; text-align: center; }
table.data thead { display: table-header-group; }
table.data tr { page-break-inside: avoid; }
.signature { margin-top: 18pt; page-break-inside: avoid; }
.recipients { text-align: left !important; font-size: 11pt; }
.recipients .label { font-size: 12pt; font-weight: bold; font-style: italic; }
.signer { font-weight: bold; }
.signer .name { margin-top: 60pt; }
`;

function align(value: CellValue, given?: 'left' | 'center' | 'right') {
  if (given) return given;
  if (typeof value === 'number') return 'right';
  return typeof value === 'object' && value !== null ? 'center' : 'left';
}

function table(t: TableBlock): string {
  const weights = columnWidths(t);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const cols = weights.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join('');
  const head = t.columns.map((c) => `<th>${lines(c.header)}</th>`).join('');
  const body = t.rows
    .map(
      (row) =>
        `<tr>${t.columns
          .map((c, i) => {
            const v = row[i] ?? null;
            return `<td style="text-align:${align(v, c.align)}">${lines(cellText(v))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const caption = t.caption ? `<div class="caption">${lines(t.caption)}</div>` : '';
  if (t.columns.length === 0) return caption;
  return `${caption}<table class="data"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block(b: Block): string {
  if (b.type === 'table') return table(b);
  const text = lines(`${b.bullet ? '- ' : ''}${b.text}`);
  const styled = b.bold ? `<b>${text}</b>` : text;
  return `<p class="body">${b.italic ? `<i>${styled}</i>` : styled}</p>`;
}

/** The model as a self-contained HTML page in the Decree 30 layout, for print (PDF) and preview. */
export function renderHtml(input: DocumentModel): string {
  const m = cleanModel(input);
  const left = [
    m.parentOrganisation ? `<div class="org-parent">${lines(upper(m.parentOrganisation))}</div>` : '',
    `<div class="org">${lines(upper(m.organisation))}</div>`,
    '<div class="rule org-rule"></div>',
    `<div class="number">${escapeHtml(numberLine(m))}</div>`,
    m.kindLabel === null ? `<div class="about">V/v ${lines(m.title)}</div>` : '',
  ].join('');
  const right = [
    `<div class="nation">${NATIONAL_NAME}</div>`,
    `<div class="motto">${NATIONAL_MOTTO}</div>`,
    '<div class="rule motto-rule"></div>',
    `<div class="place-date">${escapeHtml(legalDateLine(m.date, m.place))}</div>`,
  ].join('');
  const title =
    m.kindLabel === null
      ? ''
      : `<div class="kind">${lines(upper(m.kindLabel))}</div><div class="title">${lines(m.title)}</div>`;
  const sections = m.sections
    .map((s) => `${s.heading ? `<h2>${lines(s.heading)}</h2>` : ''}${s.blocks.map(block).join('\n')}`)
    .join('\n');
  const recipients = m.recipients?.length
    ? `<div class="label">Nơi nhận:</div>${m.recipients.map((r) => `<div>- ${lines(r)};</div>`).join('')}`
    : '';
  const sig = m.signature;
  const signer = [
    sig.authority ? `<div>${lines(upper(sig.authority))}</div>` : '',
    `<div>${lines(upper(sig.position))}</div>`,
    `<div class="name">${lines(sig.name)}</div>`,
  ].join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title><style>${CSS}</style></head>
<body>
${m.number === null ? '<div class="draft">DỰ THẢO</div>' : ''}
<table class="layout"><tr><td style="width:42%">${left}</td><td style="width:58%">${right}</td></tr></table>
${title || '<div style="height:12pt"></div>'}
${sections}
<table class="layout signature"><tr><td class="recipients" style="width:50%">${recipients}</td><td class="signer" style="width:50%">${signer}</td></tr></table>
</body></html>`;
}
