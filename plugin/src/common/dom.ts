/**
 * Element builders. Text is always set as text nodes, so nothing that comes from Marketo or a form can
 * become markup; attributes that take URLs go through safeHref.
 */
export type Child = Node | string | number | false | null | undefined;

export interface Props {
  className?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [E in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[E]) => void }>;
}

/** `props` may be just the class name, the common case (written once here instead of at every call). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | string | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (typeof props === 'string') element.className = props;
  else if (props) applyProps(element, props);
  append(element, children);
  return element;
}

/** A BEM block with a modifier: `modified('mks-bar', 'open')` is "mks-bar mks-bar--open". */
export function modified(block: string, modifier: string | number): string {
  return `${block} ${block}--${modifier}`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

function applyProps(element: HTMLElement, props: Props): void {
  if (props.className) element.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
}

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link from Marketo may be anything; only web and mail links become clickable. */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
