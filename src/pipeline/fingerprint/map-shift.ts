// A source map kept true after URLs in its generated text changed length: the generated columns
// after each edit move by the change. Index maps (JOINED bundles) are flattened first.
import { decodedMap, encodedMap, FlattenMap, TraceMap } from '@jridgewell/trace-mapping';
import { positionLookup, type Edit } from '../references/position.js';

export function shiftMap(map: Buffer, text: string, edits: readonly Edit[]): Buffer {
  if (edits.length === 0) return map;
  const decoded = decodedMap(new FlattenMap(JSON.parse(map.toString('utf8'))));
  const lines = decoded.mappings.map((line) => line.map((segment) => [...segment] as typeof segment));
  const shifts = lineShifts(text, edits);
  lines.forEach((segments, line) => {
    const moves = shifts.get(line);
    if (!moves) return;
    for (const segment of segments) segment[0] += moves.filter((move) => segment[0] >= move.column).reduce((sum, move) => sum + move.delta, 0);
  });
  const shifted = encodedMap(new TraceMap({ ...decoded, mappings: lines } as never));
  return Buffer.from(JSON.stringify(shifted), 'utf8');
}

/** Per generated line (0-based): from which column on, by how much, columns move. */
function lineShifts(text: string, edits: readonly Edit[]): Map<number, { column: number; delta: number }[]> {
  const at = positionLookup(text);
  const shifts = new Map<number, { column: number; delta: number }[]>();
  for (const edit of edits) {
    const { line, column } = at(edit.start);
    const lineStart = edit.start - (column - 1);
    const moves = shifts.get(line - 1) ?? [];
    moves.push({ column: edit.end - lineStart, delta: edit.text.length - (edit.end - edit.start) });
    shifts.set(line - 1, moves);
  }
  return shifts;
}
