// A log line, or a Markdown table cell, stays one line whatever a value in it holds (a key or a
// lock record read from the store, a backend's message): the runner reads a workflow command
// (::error::, ::add-mask::) at the start of any line of a step's output.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Line breaks and other control characters shown as escapes (`\n`, `\u2028`). */
export function oneLine(value: string): string {
  return value.replace(CONTROL, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
