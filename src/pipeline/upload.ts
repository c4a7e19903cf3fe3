import pLimit from 'p-limit';
import type { BackendClient, MediaObject } from '../backends/contract.js';

export interface UploadFailure {
  path: string;
  reason: string;
}

export class UploadError extends Error {
  constructor(readonly failures: UploadFailure[]) {
    super(`${failures.length} of the files could not be uploaded:\n${failures.map((f) => `  - ${f.path}: ${f.reason}`).join('\n')}`);
    this.name = 'UploadError';
  }
}

/** Put every object with at most `concurrency` in flight; every failure is named, none hides another. */
export async function uploadAll(
  client: BackendClient,
  objects: readonly MediaObject[],
  concurrency: number,
  onUploaded: (object: MediaObject) => void = () => {}
): Promise<void> {
  const limit = pLimit(concurrency);
  const failures: UploadFailure[] = [];
  await Promise.all(
    objects.map((object) =>
      limit(async () => {
        try {
          await client.put(object);
          onUploaded(object);
        } catch (error) {
          failures.push({ path: object.path, reason: describeError(error) });
        }
      })
    )
  );
  if (failures.length > 0) throw new UploadError(failures.sort((a, b) => (a.path < b.path ? -1 : 1)));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
