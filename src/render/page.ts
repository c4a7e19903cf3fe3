import { css, cssPrint, importMap, js, mediaUrl, type TagOptions, type TagSource } from './tags.js';

export class PageTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageTemplateError';
  }
}

// The seed's Django tags as written in a template: {% css "joined.css" "screen" %}, single or double quotes.
const TAG = /\{%\s*(media_url|js|css_print|css|importmap)((?:\s+(?:"[^"]*"|'[^']*'))*)\s*%\}/g;
const ARGUMENT = /"([^"]*)"|'([^']*)'/g;
const ARITY: Record<string, [number, number]> = { media_url: [0, 1], js: [1, 1], css: [1, 2], css_print: [1, 1], importmap: [0, 0] };

/**
 * A static page with the seed's template tags replaced by their rendered HTML, so the page a
 * Django template would produce can be written as plain HTML (the example site does this).
 */
export function renderPage(template: string, source: TagSource, options: TagOptions = {}, name = 'page'): string {
  return template.replace(TAG, (whole, tag: string, rawArguments: string, offset: number) => {
    const args = [...rawArguments.matchAll(ARGUMENT)].map((match) => match[1] ?? match[2]);
    const [min, max] = ARITY[tag];
    if (args.length < min || args.length > max) {
      const line = template.slice(0, offset).split('\n').length;
      throw new PageTemplateError(`${name}:${line}: ${whole} takes ${min === max ? min : `${min} or ${max}`} quoted argument${max === 1 ? '' : 's'}`);
    }
    if (tag === 'media_url') return mediaUrl(source, args[0], options);
    if (tag === 'js') return js(source, args[0], options);
    if (tag === 'css_print') return cssPrint(source, args[0], options);
    if (tag === 'importmap') return importMap(source, options);
    return css(source, args[0], args[1], options);
  });
}
