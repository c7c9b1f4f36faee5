// {{placeholder}} substitution in gate queries, hook commands and URLs: checked when the config is
// read (an unknown name is a typo), filled in at run time from the host, group or batch at hand.
import { Problems } from '../errors';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]*)\s*\}\}/g;

/** Records a problem for every {{name}} in text that is not one of `known`. Returns whether all were known. */
export function checkPlaceholders(p: Problems, field: string, text: string, known: readonly string[]): boolean {
  let ok = true;
  for (const [whole, name] of text.matchAll(PLACEHOLDER)) {
    if (known.includes(name)) continue;
    ok = false;
    p.raw(`${field}: ${whole} is not a known placeholder (expected ${known.map((k) => `{{${k}}}`).join(', ')})`);
  }
  return ok;
}

/**
 * Replaces each {{name}} by `encode(values[name])`; names without a value are left as written
 * (validation has already refused unknown ones).
 */
export function fill(
  text: string,
  values: Record<string, string | undefined>,
  encode: (s: string) => string = (s) => s,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    return value === undefined ? whole : encode(value);
  });
}

/**
 * Fills a URL: the values are percent-encoded, so a host name or version cannot change the URL's
 * shape (add a path segment, a query parameter or a user).
 */
export function fillUrl(url: string, values: Record<string, string | undefined>): string {
  return fill(url, values, encodeURIComponent);
}
