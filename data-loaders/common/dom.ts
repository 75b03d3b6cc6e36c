/**
 * Tree walks over the htmlparser2 DOM cheerio builds, for the adapters' hot
 * paths: a predicate tested in one walk costs a fraction of a selector query
 * (parsed and compiled on every call, with a Cheerio object per step). Each
 * helper visits elements as CSS selection does: descendants only, in document
 * order; `script`/`style` elements count as elements.
 */
import type { AnyNode, Element } from "domhandler";

export const isElement = (n: AnyNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

/** Does the element's class attribute hold this token (CSS `.name`)? */
export function hasClass(el: Element, name: string): boolean {
  const cls = el.attribs.class;
  if (!cls || !cls.includes(name)) return false;
  return cls.split(/\s+/).includes(name);
}

/** The first descendant element of `root` (document order) that `test` accepts, or null. */
export function firstElement(root: AnyNode, test: (el: Element) => boolean): Element | null {
  const children = (root as Element).children;
  if (!children) return null;
  for (const child of children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = firstElement(child, test);
    if (found) return found;
  }
  return null;
}

/** Every descendant element of `root` that `test` accepts, in document order. */
export function elementsIn(root: AnyNode, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  const children = (root as Element).children;
  if (!children) return out;
  for (const child of children) {
    if (!isElement(child)) continue;
    if (test(child)) out.push(child);
    elementsIn(child, test, out);
  }
  return out;
}

/** The element itself or its nearest ancestor element that `test` accepts (cheerio's closest), or null. */
export function closestElement(el: Element, test: (el: Element) => boolean): Element | null {
  for (let p: AnyNode | null = el; p && isElement(p); p = p.parent) if (test(p)) return p;
  return null;
}
