// An Express app that renders the mediasync tags from the manifest a sync wrote
// (`npm install mediasync-s3 express`; run the sync in CI and ship mediasync-manifest.json with the app).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { mediaTags, parseManifest } from 'mediasync-s3';

const manifestPath = process.env.MEDIASYNC_MANIFEST ?? 'mediasync-manifest.json';
const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), manifestPath);

export const app = express();
// Behind a TLS-terminating proxy, req.secure follows X-Forwarded-Proto: https pages get https media.
app.set('trust proxy', 'loopback');

// Every view gets the tags (mediaUrl, js, css, cssPrint, importMap), bound to this request's security.
app.use((req, res, next) => {
  res.locals.media = mediaTags(manifest, { secure: req.secure });
  next();
});

app.get('/', (req, res) => {
  const { media } = res.locals;
  res.type('html').send(`<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>mediasync with Express</title>
  ${media.importMap()}
  ${media.css('joined.css')}
  ${media.cssPrint('print.css')}
</head>
<body>
  <h1>mediasync with Express</h1>
  <img src="${media.mediaUrl('images/logo.png')}" alt="logo">
  ${media.js('joined.js')}
</body>
</html>
`);
});

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}`);
  });
}
