import type { BackendClient } from '../src/backends/contract.js';
import { takeBack, withMixNote } from '../src/pipeline/rollback.js';
import { silentReporter, type Reporter } from '../src/reporter.js';

// Uploads finish in any order, so the lists arrive unsorted: the messages must not depend on it.
const finishedInSomeOrder = Array.from({ length: 12 }, (_, i) => `generated/part-${String(12 - i).padStart(2, '0')}.js`);

test('the mix note names the first ten replaced objects in sorted order, counts the rest, and reads the same for any completion order', () => {
  const note = (order: string[]) => (withMixNote(new Error('1 of the files could not be uploaded'), order) as Error).message;
  const expected =
    '1 of the files could not be uploaded\nThe live prefix now holds a mix: 12 objects were replaced in place by this run (' +
    'generated/part-01.js, generated/part-02.js, generated/part-03.js, generated/part-04.js, generated/part-05.js, generated/part-06.js, ' +
    'generated/part-07.js, generated/part-08.js, generated/part-09.js, generated/part-10.js and 2 more), the others are from the previous sync, ' +
    'and no outputs or manifest were written. Run the sync again to complete it (the replaced objects are sent once more, since no sync manifest records their headers).';
  expect(note(finishedInSomeOrder)).toBe(expected);
  expect(note([...finishedInSomeOrder].reverse())).toBe(expected);
  expect(withMixNote('not an Error', finishedInSomeOrder)).toBe('not an Error');
});

test('taking back new objects deletes them and names them in sorted order, also when the delete fails', async () => {
  const warnings: string[] = [];
  const reporter: Reporter = { ...silentReporter, warning: (line) => warnings.push(line) };
  const deleted: string[][] = [];
  const client = {
    delete: async (paths: string[]) => {
      deleted.push(paths);
      throw new Error('AccessDenied');
    }
  } as unknown as BackendClient;
  expect(await takeBack(client, ['b.txt', 'c.txt', 'a.txt'], reporter)).toBe(false);
  expect(deleted).toEqual([['a.txt', 'b.txt', 'c.txt']]);
  expect(warnings).toEqual(['3 new objects uploaded before the run stopped could not be deleted again (AccessDenied); the next run with PRUNE true deletes them: a.txt, b.txt, c.txt']);
});
