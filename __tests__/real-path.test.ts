// The one containment test every "nothing outside MEDIA_ROOT" check uses.
import { isInside } from '../src/real-path.js';

test.each([
  ['/site/media/a.css', '/site/media', true],
  ['/site/media', '/site/media', true],
  ['/site/media/..hidden/a.css', '/site/media', true],
  ['/etc/passwd', '/', true],
  ['/', '/', true],
  ['/site/media-old/a.css', '/site/media', false],
  ['/site', '/site/media', false],
  ['/etc/passwd', '/site/media', false]
])('isInside(%j, %j) is %s', (inner, outer, inside) => {
  expect(isInside(inner, outer)).toBe(inside);
});
