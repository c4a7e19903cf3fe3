import { run } from './action.js';
import { exitWhenFlushed } from './exit.js';

await run();
await exitWhenFlushed();
