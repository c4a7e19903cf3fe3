import { type Edit } from '../references/position.js';
export declare function shiftMap(map: Buffer, text: string, edits: readonly Edit[]): Buffer;
