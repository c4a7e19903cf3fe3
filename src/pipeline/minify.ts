import CleanCSS from 'clean-css';
import postcss, { CssSyntaxError } from 'postcss';
import { minify as terser } from 'terser';
import type { BundleKind } from './join.js';
import { unsupportedByCleanCss } from './css-unsupported.js';
import { MinifyError } from './minifiable.js';
import { cssPrelude } from './references/css-prelude.js';
import { sourceText } from './source-text.js';

// Level 1 keeps rule order and never rebases url(): relative paths must still work once synced.
// The leading @imports are set aside (css-prelude.ts says why). No @import is inlined: clean-css
// would read the file itself, relative to the working folder and from anywhere on disk; an
// @import stays a reference the browser resolves from the stylesheet.
const cleanCss = new CleanCSS({ level: 1, rebase: false, inline: false, returnPromise: false });

/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
export async function minifySource(kind: BundleKind, source: Buffer, file: string, module = false): Promise<Buffer> {
  return kind === 'js' ? minifyJs(source, file, module) : minifyCss(source, file);
}

// A classic script's top-level names are globals other scripts use: toplevel stays false, so
// terser neither mangles nor drops them; a module's are its own.
async function minifyJs(source: Buffer, file: string, module: boolean): Promise<Buffer> {
  try {
    const result = await terser(sourceText(source), {
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

/**
 * clean-css drops what it cannot parse, sometimes with a warning (a stray `}`), sometimes
 * silently (an unclosed block): a strict parse first, and any warning, fail the run like a
 * terser parse error.
 */
function minifyCss(source: Buffer, file: string): Buffer {
  const text = sourceText(source);
  const prelude = cssPrelude(text);
  const output = checkedCss(text, file, () => cleanCss.minify(prelude.rest));
  return Buffer.from(prelude.head + output.styles, 'utf8');
}

/** clean-css's output for `text`, or a MinifyError for what it would drop (minify-map.ts uses it too). */
export function checkedCss<T extends CleanCSS.Output>(text: string, file: string, minify: () => T): T {
  let root;
  try {
    root = postcss.parse(text, { from: file });
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error;
    throw new MinifyError(file, error.line, error.column, error.reason);
  }
  const output = minify();
  const problems = [...output.errors, ...output.warnings];
  const unsupported = problems.length > 0 ? unsupportedByCleanCss(root) : undefined;
  if (unsupported) {
    throw new MinifyError(file, unsupported.line, unsupported.column, `clean-css, the CSS minifier, does not support ${unsupported.what}; set MINIFY false to store stylesheets as written`);
  }
  if (problems.length > 0) {
    // Warnings end `at 2:3`, or `at css/a.css:2:3` when clean-css was given the file's name.
    const position = /at (?:.*?:)?(\d+):(\d+)/.exec(problems[0]);
    throw new MinifyError(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) + 1 : undefined, problems.join('; '));
  }
  return output;
}
