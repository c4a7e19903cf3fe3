// A map kept true after URLs in its generated text changed length (FINGERPRINT's rewrites).
import { decodedMappings, encodedMap, TraceMap } from '@jridgewell/trace-mapping';
import { shiftMap } from '../src/pipeline/fingerprint/map-shift.js';

/** A map of a.css with these decoded segments ([generated column, source, line, column] per line). */
function mapOf(lines: number[][][]): Buffer {
  return Buffer.from(JSON.stringify(encodedMap(new TraceMap({ version: 3, sources: ['a.css'], names: [], mappings: lines } as never))));
}

const columnsOf = (map: Buffer): number[][] => decodedMappings(new TraceMap(JSON.parse(map.toString('utf8')))).map((line) => line.map((segment) => segment[0]));

test('each segment moves by the edits that end at or before it on its line, in any order of edits', () => {
  //           0         1         2         3
  //           0123456789012345678901234567890123456
  const text = 'a{b:url(x.png)}c{d:url(y.png)}\ne{f:1}';
  const map = mapOf([
    [[0, 0, 0, 0], [8, 0, 0, 8], [15, 0, 1, 0], [23, 0, 1, 8]],
    [[0, 0, 2, 0]]
  ]);
  // x.png → x.0123456789ab.png (+13), y.png → y.png.v2 (+3); given last edit first.
  const edits = [
    { start: 23, end: 28, text: 'y.png.v2' },
    { start: 8, end: 13, text: 'x.0123456789ab.png' }
  ];
  expect(columnsOf(shiftMap(map, text, edits))).toEqual([[0, 8, 28, 36], [0]]);
});

test('no edits: the map as it was', () => {
  const map = mapOf([[[0, 0, 0, 0]]]);
  expect(shiftMap(map, 'a{}', [])).toBe(map);
});
