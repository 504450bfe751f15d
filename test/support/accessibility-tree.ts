import { executeServerCommand } from '@web/test-runner-commands';

/** A node of the browser's accessibility tree, as a screen reader gets it. */
export interface AccessibilityNode {
  readonly role: string;
  readonly name?: string;
  readonly level?: number;
  readonly children?: readonly AccessibilityNode[];
}

/**
 * The accessibility tree of the page, or of the first element matching `selector` (which may be
 * in a shadow root): what a screen reader is given, tables, rows and cells included.
 */
export function accessibilityTree(selector?: string): Promise<AccessibilityNode> {
  return executeServerCommand<AccessibilityNode, { selector?: string }>('accessibility-tree', selector ? { selector } : {});
}

/** Every node under `node` (itself included) that `match` accepts, in document order. */
export function findNodes(node: AccessibilityNode, match: (node: AccessibilityNode) => boolean): AccessibilityNode[] {
  return [...(match(node) ? [node] : []), ...(node.children ?? []).flatMap((child) => findNodes(child, match))];
}

/** The text a screen reader reads inside a node: its static text, in order, joined by spaces. */
export function spokenText(node: AccessibilityNode): string {
  return findNodes(node, (n) => n.role === 'StaticText')
    .map((n) => n.name ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
