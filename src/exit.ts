/** Once stdout and stderr have taken everything written, exit with process.exitCode: nothing still pending (a store request, a socket, a timer) may keep a finished run alive. */
export async function exitWhenFlushed(): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit();
}
