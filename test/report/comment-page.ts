// The PR comment as a reader sees it: GFM rendered to HTML (micromark), styled with GitHub's own Markdown CSS
// (github-markdown-css) in a column as wide as a PR conversation, then measured and photographed in Chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { visit, type Browser } from '../site/chromium.js';

/** Width of the comment column of a GitHub PR conversation on a laptop screen. */
export const COMMENT_WIDTH = 800;

const css = () => readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

/**
 * A standalone page of the comment. Raw HTML passes (it is our own <details>/<sub>; run-derived text is escaped
 * before it gets here, which the GFM-tree tests check), as GitHub keeps those tags.
 */
export function commentPage(md: string, title: string): string {
  const body = micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title>
<style>${css()}
html, body { margin: 0; background: #fff; }
.comment { box-sizing: border-box; width: 100%; border: 1px solid #d0d7de; border-radius: 6px; }
.comment-head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font: 14px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #57606a; }
.markdown-body { padding: 16px; }
</style></head><body><div class="comment"><div class="comment-head"><b>github-actions</b> bot commented</div>
<article class="markdown-body">${body}</article></div></body></html>`;
}

/** What a reader at COMMENT_WIDTH px can see of each table without scrolling sideways. */
export interface TableFit {
  headers: string[];
  /** The table's full width and the width it is shown in (GitHub's CSS scrolls a table inside its own box). */
  scrollWidth: number;
  clientWidth: number;
  /** Right edge of each header cell, in page pixels. */
  headerRight: number[];
}

export interface CommentShot {
  pageScrollWidth: number;
  tables: TableFit[];
  screenshot: Buffer;
  errors: string[];
}

const PROBE = `(() => {
  if (![...document.images].every((i) => i.complete)) return false;
  const tables = [...document.querySelectorAll('.markdown-body table')].filter((t) => t.offsetParent !== null).map((t) => ({
    headers: [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
    scrollWidth: t.scrollWidth, clientWidth: t.clientWidth,
    headerRight: [...t.querySelectorAll('thead th')].map((th) => Math.round(th.getBoundingClientRect().right)),
  }));
  return JSON.stringify({ pageScrollWidth: document.documentElement.scrollWidth, tables });
})()`;

/** Loads a comment page (file:// URL) at COMMENT_WIDTH px, measures its open tables and takes a full-page screenshot. */
export async function shootComment(browser: Browser, url: string, maxHeight = 4000): Promise<CommentShot> {
  const v = await visit(browser, url, PROBE, { width: COMMENT_WIDTH, maxHeight });
  const probe = JSON.parse(String(v.probe)) as { pageScrollWidth: number; tables: TableFit[] };
  return { ...probe, screenshot: v.screenshot, errors: v.errors };
}
