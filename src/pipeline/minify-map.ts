// The minifiers run for an object stored with a source map: the same options as minify.ts, plus
// a map of the output whose one source is the part's MEDIA_ROOT path, with its content inlined.
import CleanCSS from 'clean-css';
import { minify as terser } from 'terser';
import { shiftMap } from './fingerprint/map-shift.js';
import type { BundleKind } from './join.js';
import { MinifyError } from './minifiable.js';
import { checkedCss } from './minify.js';
import { cssPrelude } from './references/css-prelude.js';
import type { RawMap } from './references/sourcemap.js';

// Never reads a file: @imports are not inlined, and the reference stage has taken the parts'
// sourceMappingURL comments out before this sees them.
const cleanCss = new CleanCSS({ level: 1, rebase: false, inline: ['none'], returnPromise: false, sourceMap: true, sourceMapInlineSources: true });

export async function minifyWithMap(kind: BundleKind, text: string, file: string, module: boolean): Promise<{ code: string; map: RawMap }> {
  return kind === 'js' ? minifyJs(text, file, module) : minifyCss(text, file);
}

async function minifyJs(text: string, file: string, module: boolean): Promise<{ code: string; map: RawMap }> {
  try {
    const result = await terser(
      { [file]: text },
      { compress: true, mangle: true, module: module || /\.mjs$/i.test(file), toplevel: false, format: { comments: 'some' }, sourceMap: { includeSources: true, asObject: true } }
    );
    return { code: result.code ?? '', map: result.map as unknown as RawMap };
  } catch (error) {
    const { message, line, col } = error as { message: string; line?: number; col?: number };
    throw new MinifyError(file, line, col === undefined ? undefined : col + 1, message);
  }
}

function minifyCss(text: string, file: string): { code: string; map: RawMap } {
  const prelude = cssPrelude(text);
  const output = checkedCss(text, file, () => cleanCss.minify({ [file]: { styles: prelude.rest } }));
  const map = { ...(output.sourceMap as unknown as { toJSON(): RawMap }).toJSON(), sourcesContent: [text] };
  if (!prelude.head) return { code: output.styles, map };
  // The head goes in front of the first line: that line's columns move right by its length.
  const shifted = shiftMap(Buffer.from(JSON.stringify(map), 'utf8'), output.styles, [{ start: 0, end: 0, text: prelude.head }]);
  return { code: prelude.head + output.styles, map: JSON.parse(shifted.toString('utf8')) as RawMap };
}
