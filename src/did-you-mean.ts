import leven from 'leven';

/**
 * The candidate closest to what was typed, when it is close enough to be a typo: one edit in
 * three letters, at least one (leading dashes of options are not counted).
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const bare = (word: string) => word.replace(/^-+/, '').toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = leven(bare(typed), bare(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(bare(best.candidate).length / 3)) ? best.candidate : undefined;
}
