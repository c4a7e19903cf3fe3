import { writeFileSync } from 'node:fs';
import { renderPage } from '../src/render/page.js';
import { parseManifest } from '../src/render/read-manifest.js';
import { settingsTagSource } from '../src/render/tag-source.js';
import { css, cssPrint, js, mediaTags, mediaUrl, type TagSource } from '../src/render/tags.js';
import { remoteMediaFor } from '../src/local-media.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

const source: TagSource = {
  mediaUrl: 'https://cdn.example.com/site/media',
  insecureMediaUrl: 'http://cdn.example.com/site/media',
  localMediaUrl: '/devmedia/',
  serveRemote: false,
  cacheBuster: '12345',
  doctype: 'xhtml',
  cssPath: 'styles',
  jsPath: 'scripts',
  joined: {
    'styles/joined.css': ['styles/reset.css', 'styles/text.css'],
    'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js']
  }
};

describe('media_url', () => {
  test('is MEDIA_URL without its trailing slash, with no cache-buster when no path is given', () => {
    expect(mediaUrl(source)).toBe('/devmedia');
    expect(mediaUrl({ ...source, localMediaUrl: '/media///' })).toBe('/media');
  });

  test('with a path adds the path (leading slash dropped) and the CACHE_BUSTER query', () => {
    expect(mediaUrl(source, '/images/stuff.png')).toBe('/devmedia/images/stuff.png?12345');
    expect(mediaUrl(source, 'images/stuff.png', { remote: true })).toBe('https://cdn.example.com/site/media/images/stuff.png?12345');
  });

  test('without a cache-buster adds no query, and encodes each path segment', () => {
    expect(mediaUrl({ ...source, cacheBuster: '' }, 'images/a b#1.png')).toBe('/devmedia/images/a%20b%231.png');
  });

  test('remote URL follows the page: https by default, http for an insecure page', () => {
    expect(mediaUrl(source, undefined, { remote: true })).toBe('https://cdn.example.com/site/media');
    expect(mediaUrl(source, undefined, { remote: true, secure: false })).toBe('http://cdn.example.com/site/media');
    // An older manifest without insecureMediaUrl keeps its one URL.
    const { insecureMediaUrl: _dropped, ...older } = source;
    expect(mediaUrl(older, undefined, { remote: true, secure: false })).toBe('https://cdn.example.com/site/media');
  });

  test('SERVE_REMOTE in the source picks the remote copy unless the caller says local', () => {
    const remote = { ...source, serveRemote: true };
    expect(mediaUrl(remote, 'x.png')).toBe('https://cdn.example.com/site/media/x.png?12345');
    expect(mediaUrl(remote, 'x.png', { remote: false })).toBe('/devmedia/x.png?12345');
  });
});

describe('tags in each doctype', () => {
  const cases = [
    {
      doctype: 'html4',
      link: '<link rel="stylesheet" href="/devmedia/styles/print.css?12345" type="text/css" media="screen, projection">',
      script: '<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/lib.js?12345"></script>'
    },
    {
      doctype: 'html5',
      link: '<link rel="stylesheet" href="/devmedia/styles/print.css?12345" type="text/css" media="screen, projection">',
      script: '<script src="/devmedia/scripts/lib.js?12345"></script>'
    },
    {
      doctype: 'xhtml',
      link: '<link rel="stylesheet" href="/devmedia/styles/print.css?12345" type="text/css" media="screen, projection" />',
      script: '<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/lib.js?12345"></script>'
    }
  ] as const;

  test.each(cases)('$doctype renders the seed\'s <link> and <script>', ({ doctype, link, script }) => {
    const typed = { ...source, doctype };
    expect(css(typed, 'print.css')).toBe(link);
    expect(js(typed, 'lib.js')).toBe(script);
  });

  test('css takes a media argument; css_print is css with media "print"', () => {
    expect(css(source, 'print.css', 'screen')).toBe('<link rel="stylesheet" href="/devmedia/styles/print.css?12345" type="text/css" media="screen" />');
    expect(cssPrint(source, 'print.css')).toBe(css(source, 'print.css', 'print'));
    expect(cssPrint(source, 'print.css')).toContain('media="print"');
  });

  test('CSS_PATH and JS_PATH are prefixed to tag paths; without them the path is used as given', () => {
    expect(js(source, 'app.js')).toContain('src="/devmedia/scripts/app.js?12345"');
    const bare = { ...source, cssPath: '', jsPath: '', joined: {} };
    expect(js(bare, 'scripts/app.js')).toContain('src="/devmedia/scripts/app.js?12345"');
    expect(css(bare, '/styles/text.css')).toContain('href="/devmedia/styles/text.css?12345"');
  });

  test('attribute values are escaped', () => {
    const odd = { ...source, localMediaUrl: '/m?a=1&b="2"/', cacheBuster: '' };
    expect(css(odd, 'x.css', 'screen & "print"')).toBe(
      '<link rel="stylesheet" href="/m?a=1&amp;b=&quot;2&quot;/styles/x.css" type="text/css" media="screen &amp; &quot;print&quot;" />'
    );
  });
});

describe('JOINED aliases', () => {
  test('served locally: one tag per part, in order', () => {
    expect(css(source, 'joined.css')).toBe(
      [
        '<link rel="stylesheet" href="/devmedia/styles/reset.css?12345" type="text/css" media="screen, projection" />',
        '<link rel="stylesheet" href="/devmedia/styles/text.css?12345" type="text/css" media="screen, projection" />'
      ].join('\n')
    );
    expect(js({ ...source, doctype: 'html5' }, 'joined.js')).toBe(
      '<script src="/devmedia/scripts/lib.js?12345"></script>\n<script src="/devmedia/scripts/app.js?12345"></script>'
    );
  });

  test('served remotely: one tag for the bundle', () => {
    expect(cssPrint(source, 'joined.css', { remote: true })).toBe(
      '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/joined.css?12345" type="text/css" media="print" />'
    );
    expect(js({ ...source, serveRemote: true }, 'joined.js', { secure: false })).toBe(
      '<script type="text/javascript" charset="utf-8" src="http://cdn.example.com/site/media/scripts/joined.js?12345"></script>'
    );
  });

  test('with EMULATE_COMBO, local pages get one tag for the bundle at MEDIA_URL', () => {
    expect(js({ ...source, emulateCombo: true, doctype: 'html5' }, 'joined.js')).toBe('<script src="/devmedia/scripts/joined.js?12345"></script>');
  });

  test('mediaTags binds a source and page for a template context', () => {
    const tags = mediaTags(source, { remote: true, secure: false });
    expect(tags.mediaUrl()).toBe('http://cdn.example.com/site/media');
    expect(tags.js('joined.js')).toBe(js(source, 'joined.js', { remote: true, secure: false }));
    expect(tags.css('joined.css', 'all')).toContain('media="all"');
    expect(tags.cssPrint('print.css')).toContain('media="print"');
  });
});

describe('renderPage', () => {
  const template = [
    '{% css "joined.css" %}',
    "{% css_print 'print.css' %}",
    '{% css "text.css" "screen" %}',
    '<img src="{% media_url "images/logo.png" %}"> {% media_url %}',
    '{%js "joined.js"%}'
  ].join('\n');

  test("replaces the seed's template tags with their HTML", () => {
    expect(renderPage(template, { ...source, doctype: 'html5' }, { remote: true })).toBe(
      [
        '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/joined.css?12345" type="text/css" media="screen, projection">',
        '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/print.css?12345" type="text/css" media="print">',
        '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/text.css?12345" type="text/css" media="screen">',
        '<img src="https://cdn.example.com/site/media/images/logo.png?12345"> https://cdn.example.com/site/media',
        '<script src="https://cdn.example.com/site/media/scripts/joined.js?12345"></script>'
      ].join('\n')
    );
  });

  test('a tag with the wrong number of arguments names the page and line', () => {
    expect(() => renderPage('<p>\n{% js %}', source, {}, 'index.html')).toThrow('index.html:2: {% js %} takes 1 quoted argument');
    expect(() => renderPage('{% css "a.css" "b" "c" %}', source)).toThrow('page:1: {% css "a.css" "b" "c" %} takes 1 or 2 quoted arguments');
  });
});

describe('tag source from the settings', () => {
  const settingsFor = (values: Record<string, unknown>, dir: string) =>
    resolveSettings({ file: { path: 'mediasync.json', text: JSON.stringify({ MEDIA_ROOT: 'media', ...values }) }, cwd: dir });

  test('REMOTE_MEDIA_URL is the remote base whatever the backend; USE_SSL forces its scheme', async () => {
    const scratch = tempDir();
    try {
      const settings = settingsFor({ BACKEND: 'dummy', REMOTE_MEDIA_URL: 'https://cdn.example.com/m/', USE_SSL: false, CACHE_BUSTER: 7 }, scratch.dir);
      const remote = await remoteMediaFor(settings);
      expect(remote).toEqual({ mediaUrl: 'http://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: '7' });
    } finally {
      scratch.remove();
    }
  });

  test('without USE_SSL the S3 URL follows the page; no CACHE_BUSTER means no query', async () => {
    const scratch = tempDir();
    try {
      const settings = settingsFor({ AWS_BUCKET: 'my-media', AWS_PREFIX: 'site', AWS_REGION: 'eu-west-1' }, scratch.dir);
      const tags = settingsTagSource(settings, await remoteMediaFor(settings));
      expect(mediaUrl(tags, 'a.css', { remote: true })).toBe('https://my-media.s3.eu-west-1.amazonaws.com/site/a.css');
      expect(mediaUrl(tags, 'a.css', { remote: true, secure: false })).toBe('http://my-media.s3.eu-west-1.amazonaws.com/site/a.css');
    } finally {
      scratch.remove();
    }
  });

  test('JOINED from the settings gets the shortcuts, and the manifest at MANIFEST_PATH gives the URL and cache-buster', async () => {
    const scratch = tempDir();
    try {
      const manifest = { version: 1, mediaUrl: 'https://b.example/m', insecureMediaUrl: 'http://b.example/m', localMediaUrl: '/x/', serveRemote: true, cacheBuster: 'abc', doctype: 'html4', cssPath: '', jsPath: '', files: {}, joined: {} };
      writeFileSync(`${scratch.dir}/mediasync-manifest.json`, JSON.stringify(manifest));
      const settings = settingsFor({ BACKEND: 'dummy', CSS_PATH: 'styles', JOINED: { 'all.css': ['a.css', 'b.css'] } }, scratch.dir);
      const tags = settingsTagSource(settings, await remoteMediaFor(settings));
      expect(tags.joined).toEqual({ 'styles/all.css': ['styles/a.css', 'styles/b.css'] });
      // The doctype, paths and SERVE_REMOTE are the settings'; only the remote copy comes from the manifest.
      expect(css(tags, 'all.css')).toBe(
        '<link rel="stylesheet" href="/devmedia/styles/a.css?abc" type="text/css" media="screen, projection" />\n' +
          '<link rel="stylesheet" href="/devmedia/styles/b.css?abc" type="text/css" media="screen, projection" />'
      );
      expect(css(tags, 'all.css', 'print', { remote: true, secure: false })).toContain('href="http://b.example/m/styles/all.css?abc"');
    } finally {
      scratch.remove();
    }
  });
});

describe('parseManifest', () => {
  test('refuses text that is not a version 1 manifest, naming the file', () => {
    expect(() => parseManifest('{', 'm.json')).toThrow(/^m\.json is not valid JSON/);
    expect(() => parseManifest('{"version":2}', 'm.json')).toThrow('m.json is not a mediasync manifest (version 1)');
    expect(() => parseManifest('{"version":1,"mediaUrl":"x"}', 'm.json')).toThrow('m.json lacks localMediaUrl, cacheBuster, doctype, cssPath, jsPath, joined');
  });
});
