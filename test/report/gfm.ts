// GitHub-Flavoured Markdown as a tree (micromark's GFM: tables, strikethrough, autolink literals, footnotes), so tests
// check what a reader sees, not the Markdown source.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

export function parseGfm(md: string): MdNode {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as unknown as MdNode;
}

/** Every node of the tree, depth first. */
export function allNodes(node: MdNode): MdNode[] {
  return [node, ...(node.children ?? []).flatMap(allNodes)];
}

export function nodesOfType(node: MdNode, type: string): MdNode[] {
  return allNodes(node).filter((n) => n.type === type);
}

/** The text a reader sees in a node (text, code and inline code values joined). */
export function shownText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(shownText).join('');
}

/** Node types that make run-derived text active: links, images, raw HTML, footnote references. */
export const ACTIVE_TYPES = ['link', 'linkReference', 'image', 'imageReference', 'html', 'footnoteReference', 'definition'];
