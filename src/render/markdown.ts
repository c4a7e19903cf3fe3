// Text from outside mediasync (a backend's failure reason, a file's name, an error message)
// enters the job summary only through these helpers, so none of it can end a table row, open
// an HTML block (`</details><img …>`) or close a code block.

/** Line breaks and other control characters: a line break would start a new Markdown block. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control characters shown as escapes (`\n`, `\u2028`). */
function visible(value: string): string {
  return value.replace(CONTROL, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Plain text in Markdown: HTML and Markdown syntax shown as the characters they are. */
export function text(value: string): string {
  return visible(value)
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inline code, whatever backticks the text holds (HTML in a code span is shown as it is). */
export function code(value: string): string {
  const shown = visible(value);
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
