// Text from outside mediasync (a backend's failure reason, a file's name, an error message)
// enters the job summary only through these helpers, so none of it can end a table row, open
// an HTML block (`</details><img …>`) or close a code block.
import { oneLine } from '../one-line.js';

/** Plain text in Markdown: HTML and Markdown syntax shown as the characters they are. */
export function text(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inline code, whatever backticks the text holds (HTML in a code span is shown as it is). */
export function code(value: string): string {
  const shown = oneLine(value);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = longest > 0 || shown.startsWith(' ') || shown.endsWith(' ') ? ` ${shown} ` : shown;
  return `${fence}${padded}${fence}`;
}

/** A fenced code block: no line of the text can close it. */
export function codeBlock(value: string): string[] {
  return ['```', value.replace(/`{3,}/g, (run) => "'".repeat(run.length)), '```'];
}

/** A table whose cells are already text() or code(): a | in them would end the cell. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
