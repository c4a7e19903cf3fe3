import CleanCSS from 'clean-css';
import { minify as terser } from 'terser';
import type { BundleKind } from './join.js';
import { MinifyError } from './minifiable.js';

// Level 1 keeps rule order and never rebases url(): relative paths must still work once synced.
const cleanCss = new CleanCSS({ level: 1, rebase: false, returnPromise: false });

/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
export async function minifySource(kind: BundleKind, source: Buffer, file: string, module = false): Promise<Buffer> {
  return kind === 'js' ? minifyJs(source, file, module) : minifyCss(source, file);
}

// A classic script's top-level names are globals other scripts use: toplevel stays false, so
// terser neither mangles nor drops them; a module's are its own.
async function minifyJs(source: Buffer, file: string, module: boolean): Promise<Buffer> {
  try {
    const result = await terser(source.toString('utf8'), {
      compress: true,
      mangle: true,
      module: module || /\.mjs$/i.test(file),
      toplevel: false,
      format: { comments: 'some' }
    });
    return Buffer.from(result.code ?? '', 'utf8');
  } catch (error) {
    const { message, line, col } = error as { message: string; line?: number; col?: number };
    throw new MinifyError(file, line, col === undefined ? undefined : col + 1, message);
  }
}

function minifyCss(source: Buffer, file: string): Buffer {
  const output = cleanCss.minify(source.toString('utf8'));
  if (output.errors.length > 0) {
    const position = /at (\d+):(\d+)/.exec(output.errors[0]);
    throw new MinifyError(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) + 1 : undefined, output.errors.join('; '));
  }
  return Buffer.from(output.styles, 'utf8');
}
