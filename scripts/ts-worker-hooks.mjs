// Module hooks that let a worker thread run the TypeScript sources directly (tests under
// ts-jest): `./x.js` resolves to `./x.ts` when only that exists, and .ts is transpiled on load.
// Every worker thread loads these hooks afresh, and loading the TypeScript compiler costs about a
// second of CPU each time: transpiled sources are kept in node_modules/.cache, keyed by what
// decides the output, and the compiler is loaded only when one is missing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Also emptied by scripts/test.mjs at the start of each `npm test`. */
export const TRANSPILE_CACHE = fileURLToPath(new URL('../node_modules/.cache/ts-worker-hooks/', import.meta.url));
/** What decides the output besides the source: the compiler's version and this file (its options). */
const TRANSPILER = [readFileSync(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8'), readFileSync(new URL(import.meta.url), 'utf8')];

/** @type {Promise<typeof import('typescript')> | undefined} */
let typescript;

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<object>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  return { format: 'module', source: await transpiled(fileName, await readFile(fileName, 'utf8')), shortCircuit: true };
}

/**
 * @param {string} fileName
 * @param {string} source
 */
async function transpiled(fileName, source) {
  const key = createHash('sha256').update(JSON.stringify([...TRANSPILER, fileName, source])).digest('hex');
  const cached = `${TRANSPILE_CACHE}${key}.js`;
  const hit = await readFile(cached, 'utf8').catch(() => undefined);
  if (hit !== undefined) return hit;
  typescript ??= import('typescript').then((loaded) => loaded.default);
  const ts = await typescript;
  const { outputText } = ts.transpileModule(source, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
  });
  // Written aside and renamed, so a worker reading the cache never sees half a file. Only a
  // saving: a folder that cannot be written (read-only, full) leaves the transpile as it was.
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(TRANSPILE_CACHE, { recursive: true });
    await writeFile(partial, outputText);
    await rename(partial, cached);
  } catch {
    await rm(partial, { force: true }).catch(() => {});
  }
  return outputText;
}
