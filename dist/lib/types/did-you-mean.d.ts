/**
 * The candidate closest to what was typed, when it is close enough to be a typo: one edit in
 * three letters, at least one (leading dashes of options are not counted).
 */
export declare function didYouMean(typed: string, candidates: readonly string[]): string | undefined;
/**
 * Edits from `a` to `b` (optimal string alignment): a letter added, removed or changed, or two
 * adjacent letters swapped, each counts one. Plain Levenshtein counts a swap (`snyc`) as two,
 * which in a short word is past any typo allowance.
 */
export declare function typoDistance(a: string, b: string): number;
