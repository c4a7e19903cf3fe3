import { failStalled, run } from './action.js';
import { runToExit } from './exit.js';

runToExit(run, failStalled);
