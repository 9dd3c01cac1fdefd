// Run-derived text (arch strings, names, messages, versions) made inert for GitHub Markdown: a results artifact comes
// from a PR, so nothing in it may become a link, an image, raw HTML, a mention or broken table cells.

/** Where the Markdown goes: inside a GFM table cell a bare '|' would end the cell, even inside a code span. */
export interface EscapeOptions {
  inTable?: boolean;
}

/** Line breaks and other control characters would end a table row or a paragraph: they become one space each. */
function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/**
 * What a code span made by codeSpan shows: the text flattened to one line; in a table, a backslash right before a pipe
 * becomes '⧵' (GFM table cells read '\|' as an escaped pipe, so that pair cannot be written literally).
 */
export function codeSpanShows(text: string, opts: EscapeOptions = {}): string {
  const flat = flatten(text);
  return opts.inTable ? flat.replace(/\\(?=\|)/g, '⧵') : flat;
}

/**
 * A code span that shows `text` verbatim (see codeSpanShows): its fence is one backtick longer than the longest
 * backtick run inside, and it is padded with a space where the text starts or ends with a backtick or a space
 * (CommonMark strips one space from each side of a padded span). Empty text shows as a single space.
 */
export function codeSpan(text: string, opts: EscapeOptions = {}): string {
  let body = codeSpanShows(text, opts);
  if (body === '') body = ' ';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const allSpaces = /^ +$/.test(body);
  const pad = !allSpaces && (/^[` ]/.test(body) || /[` ]$/.test(body)) ? ' ' : '';
  if (opts.inTable) body = body.replace(/\|/g, '\\|');
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Invisible, and not a word character: "@\u2060name" is no mention, "#\u2060123" no issue link. */
const WORD_JOINER = '\u2060';

/** GitHub links "@name", "#123", "user@host.tld", "www.host" and "scheme://" even in escaped text: a word joiner breaks each. */
function defang(flat: string): string {
  return flat.replace(/[@#]/g, `$&${WORD_JOINER}`).replace(/:(?=\/\/)/g, `:${WORD_JOINER}`).replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`);
}

/**
 * Plain text that renders as itself (see mdTextShows): every ASCII punctuation character is backslash-escaped (no
 * emphasis, strikethrough, links, images, raw HTML, entities, headings or table pipes), and mentions, issue references
 * and autolinks are broken by an invisible word joiner.
 */
export function mdText(text: string): string {
  return defang(flatten(text)).replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`);
}

/** What mdText(text) shows once rendered (for tests and for width estimates). */
export function mdTextShows(text: string): string {
  return defang(flatten(text));
}

/**
 * A link target we wrote ourselves or got from the runner (run URL, artifact URL, pushed chart): only https/http URLs
 * and plain relative file paths pass; characters that could end the target are percent-encoded. Anything else: null.
 */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  if (!/^https?:\/\/[^\s/]/i.test(u) && !/^\.?\/?[\w.-]+(\/[\w.-]+)*$/.test(u)) return null;
  if (/^\.?\/?[\w.-]*\.\.(\/|$)/.test(u)) return null;
  return u.replace(/[\s()<>"'`\\[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
