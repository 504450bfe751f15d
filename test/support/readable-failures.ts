/**
 * A failed assertion about an element (`expect(root.activeElement).to.equal(button)`) carries the
 * element itself as its actual or expected value, and web-test-runner then never finishes the
 * file: serializing a node of a live page for the report hangs the page (seen on busy CI machines,
 * where a focus assertion failed, as a whole file that "did not finish"). Here such a value is
 * replaced by a short description before the failure leaves the assertion, so it reads well and
 * reports at once.
 */
import { chai } from '@open-wc/testing';

function describeNode(node: Node): string {
  if (!(node instanceof Element)) return `${node.nodeName} "${(node.textContent ?? '').trim().slice(0, 60)}"`;
  const part = node.getAttribute('part');
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `<${node.localName}${node.id ? `#${node.id}` : ''}${part ? ` part="${part}"` : ''}>${text ? ` "${text}"` : ''}`;
}

function readable(value: unknown): unknown {
  if (value instanceof Node) return describeNode(value);
  if (Array.isArray(value) && value.some((item) => item instanceof Node)) return value.map(readable);
  if (value instanceof NodeList || value instanceof HTMLCollection) return [...value].map(readable);
  return value;
}

type Assert = (this: Chai.AssertionStatic, ...args: unknown[]) => void;
const assertion = chai.Assertion.prototype as unknown as { assert: Assert };
const original = assertion.assert;
assertion.assert = function (...args) {
  try {
    original.apply(this, args);
  } catch (error) {
    if (error instanceof Error) {
      const failure = error as Error & { actual?: unknown; expected?: unknown };
      failure.actual = readable(failure.actual);
      failure.expected = readable(failure.expected);
    }
    throw error;
  }
};
