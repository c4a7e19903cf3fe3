// Issue 13: with FINGERPRINT the job summary names the release, the objects new in it, the
// releases pruned and what waits for the grace period.
import { renderSummary, type SummaryInput } from '../src/render/summary.js';

const result: SummaryInput['result'] = {
  mediaUrl: 'https://media.example.com/site',
  cacheBuster: 'abc123',
  objects: [],
  uploaded: ['images/arrow.9f86d081884c.svg', 'styles/text.2c26b46b68ff.css'],
  skipped: ['images/logo.fcde2b2edba5.png'],
  manifestPath: '/work/site/mediasync-manifest.json',
  release: {
    id: '20261125T171800Z-5ee7ab50',
    added: ['images/arrow.9f86d081884c.svg', 'styles/text.2c26b46b68ff.css'],
    prunedReleases: ['20261120T090000Z-0a1b2c3d'],
    waiting: ['images/arrow.0b1c2d3e4f50.svg']
  }
};

test('the release, what is new in it, the releases pruned and what waits, each a list', () => {
  const summary = renderSummary({ result, pruned: ['images/arrow.1111aaaa2222.svg'] });
  expect(summary).toContain('- Release: `20261125T171800Z-5ee7ab50`\n');
  expect(summary).toContain(
    [
      '<details><summary>New in this release (2)</summary>',
      '',
      '- `images/arrow.9f86d081884c.svg`',
      '- `styles/text.2c26b46b68ff.css`',
      '',
      '</details>',
      '',
      '<details><summary>Releases pruned (1)</summary>',
      '',
      '- `20261120T090000Z-0a1b2c3d`',
      '',
      '</details>',
      '',
      '<details><summary>Kept for the grace period (1)</summary>',
      '',
      '- `images/arrow.0b1c2d3e4f50.svg`',
      '',
      '</details>'
    ].join('\n')
  );
});

test('a dry run says which releases would be pruned; without FINGERPRINT there is no release section', () => {
  expect(renderSummary({ result, dryRun: true })).toContain('<details><summary>Releases that would be pruned (1)</summary>');
  const { release: _release, ...seed } = result;
  const plain = renderSummary({ result: seed });
  expect(plain).not.toContain('Release');
  expect(plain).not.toContain('New in this release');
});
