import CleanCSS from 'clean-css';
import { minify as terser } from 'terser';
import type { BundleKind } from './join.js';
import { MinifyError } from './minifiable.js';

// Level 1 keeps rule order and never rebases url(): relative paths must still work once synced.
const cleanCss = new CleanCSS({ level: 1, rebase: false, returnPromise: false });

export async function minifySource(kind: BundleKind, source: Buffer, file: string): Promise<Buffer> {
  return kind === 'js' ? minifyJs(source, file) : minifyCss(source, file);
}

async function minifyJs(source: Buffer, file: string): Promise<Buffer> {
  try {
    const result = await terser(source.toString('utf8'), {
      compress: true,
      mangle: true,
      module: /\.mjs$/i.test(file),
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
