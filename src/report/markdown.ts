// Safe GitHub-flavoured Markdown pieces for the job summary: user text (host and group names,
// image refs, error messages) must never open markup, break a table or inject HTML.

/**
 * Characters that could start markup in GFM inline text, table cells or inline HTML, as entities.
 * `|` splits table cells even inside code spans, so it is an entity too; `$` opens GitHub math.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '\\': '&#92;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '~': '&#126;',
  $: '&#36;',
  '#': '&#35;',
  '!': '&#33;',
};

const UNSAFE_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** User text as one line of inert inline Markdown: safe in paragraphs, headings and table cells. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r?\n|\r/g, ' ')
      // Other control characters, line separators and direction overrides have no business in a
      // summary: they could confuse renderers or make text read other than it is.
      .replace(UNSAFE_CHARS, '')
      .replace(/[&<>"|`\\*_[\]~$#!]/g, (c) => ENTITIES[c])
  );
}

/** User text in `<code>`: monospace without Markdown code spans, whose backticks users could close. */
export function code(text: string): string {
  return `<code>${escapeText(text)}</code>`;
}

/** The first line of a text, shortened to maxChars (with "…"). */
export function firstLine(text: string, maxChars: number): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines[0] ?? '';
  const more = lines.length > 1 ? ' …' : '';
  return truncate(line, maxChars).text + (line.length <= maxChars ? more : '');
}

/** text cut to maxChars characters; `cut` is how many were left out. */
export function truncate(text: string, maxChars: number): { text: string; cut: number } {
  if (text.length <= maxChars) return { text, cut: 0 };
  // Don't split a surrogate pair: a lone half would show as a replacement character.
  let end = Math.max(0, maxChars - 1);
  if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1])) end--;
  return { text: text.slice(0, end) + '…', cut: text.length - end };
}

/**
 * A fenced code block that no content can close: the fence is longer than any run of backticks
 * inside (CommonMark closes a fence only with at least as many backticks).
 */
export function fence(text: string, info = ''): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const marks = '`'.repeat(Math.max(3, longest + 1));
  // The info string is ours ("text", "mermaid"), but it must not hold backticks either.
  const body = text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').replace(/\n+$/, '');
  return `${marks}${info.replace(/[`\s]/g, '')}\n${body}\n${marks}`;
}

/** A GFM table; cells must already be escaped (escapeText/code) or be our own markup. */
export function table(headers: string[], rows: string[][], align?: Array<'l' | 'r' | 'c'>): string {
  const sep = headers.map((_, i) => ({ l: '---', r: '--:', c: ':-:' })[align?.[i] ?? 'l']);
  const line = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}

/**
 * Text for a Mermaid gantt task or section name. Mermaid splits task lines on `:`, ends statements
 * at `;`, reads `#` as an entity or comment and `%%` as a comment, and renders `<…>` as HTML; only
 * letters, digits and a few inert marks survive.
 */
export function mermaidText(text: string, maxChars = 60): string {
  const clean = text
    .replace(/[^\p{L}\p{N} _.\-/()+·]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(clean, maxChars).text || '-';
}
