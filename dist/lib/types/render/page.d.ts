import { type TagOptions, type TagSource } from './tags.js';
export declare class PageTemplateError extends Error {
    constructor(message: string);
}
/**
 * A static page with the seed's template tags replaced by their rendered HTML, so the page a
 * Django template would produce can be written as plain HTML (the example site does this).
 */
export declare function renderPage(template: string, source: TagSource, options?: TagOptions, name?: string): string;
