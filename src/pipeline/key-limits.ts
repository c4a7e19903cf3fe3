/** S3 refuses an object key longer than this many bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

/** The store key of a path: AWS_PREFIX (slashes trimmed, as the backends do), a slash, the path. */
export function storeKey(prefix: string, relPath: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/${relPath}` : relPath;
}

/**
 * Refuse, before anything is uploaded, every path whose key would be over S3's limit: the store
 * would refuse it mid-run, after other objects had already been replaced.
 */
export function checkKeyLengths(prefix: string, paths: Iterable<string>): void {
  const tooLong: string[] = [];
  for (const relPath of paths) {
    const bytes = Buffer.byteLength(storeKey(prefix, relPath));
    if (bytes > MAX_KEY_BYTES) tooLong.push(`${relPath} (${bytes} bytes)`);
  }
  if (tooLong.length === 0) return;
  const listed = tooLong.slice(0, 5).join(', ') + (tooLong.length > 5 ? ` and ${tooLong.length - 5} more` : '');
  const prefixBytes = Buffer.byteLength(storeKey(prefix, ''));
  throw new Error(
    `${tooLong.length === 1 ? '1 key is' : `${tooLong.length} keys are`} over S3's limit of ${MAX_KEY_BYTES} bytes: ${listed}; ` +
      `a key is AWS_PREFIX (${prefixBytes} bytes with its slash) and the path; allowed: at most ${MAX_KEY_BYTES} bytes of UTF-8 in all`
  );
}
