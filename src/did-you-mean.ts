/**
 * The candidate closest to what was typed, when it is close enough to be a typo: one edit in
 * three letters, at least one (leading dashes of options are not counted).
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const bare = (word: string) => word.replace(/^-+/, '').toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = typoDistance(bare(typed), bare(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(bare(best.candidate).length / 3)) ? best.candidate : undefined;
}

/**
 * Edits from `a` to `b` (optimal string alignment): a letter added, removed or changed, or two
 * adjacent letters swapped, each counts one. Plain Levenshtein counts a swap (`snyc`) as two,
 * which in a short word is past any typo allowance.
 */
export function typoDistance(a: string, b: string): number {
  // Three rows of the table suffice: the swap looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, before[j - 2] + 1);
      current.push(distance);
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}
