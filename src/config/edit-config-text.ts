/**
 * Edits of the configuration's JSON text that keep everything they do not touch byte for byte:
 * indentation, line endings, key order, how each array and object is laid out, `${ENV}`
 * references. A parse-and-stringify round trip would rewrite the whole file in one style; a person
 * who keeps a configuration by hand and by `factwatch sources add` must get back their file.
 *
 * jsonc-parser gives the offsets of every value; the edits are ours. Its own `modify` formats the
 * lines it touches (an object written on one line came back on five) and, without formatting
 * options, removed an element of a minified array into invalid JSON — so each edit here copies
 * the layout of its neighbours instead: a new element is separated from the last one as the last
 * one is from its predecessor, and written on one line or several as that neighbour is. Removing
 * what was appended deletes exactly the text the append inserted, so add + remove is the original.
 *
 * Pure: text in, text out. The caller validates the result before writing it.
 */
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';

/** A JSON value a source is made of: strings, booleans, numbers and arrays or objects of them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A layout to write new text in: the file's line ending and indentation unit, and whether it is on one line. */
interface Layout {
  eol: string;
  unit: string;
  /** One line (a minified file): new text is written compactly, without line breaks. */
  oneLine: boolean;
}

/** The text of a new configuration holding `sources` only, in the common two-space layout. */
export function newConfigText(sources: JsonValue[]): string {
  return sources.reduce<string>((text, source) => appendSource(text, source), '{\n  "sources": []\n}\n');
}

/** Appends `value` to the `sources` array (created when the root object has none). */
export function appendSource(text: string, value: JsonValue): string {
  let root = parseRoot(text);
  if (findNodeAtLocation(root, ['sources']) === undefined) {
    text = appendChild(text, root, `"sources":${separatorAfterColon(text, root)}[]`, layoutOf(text));
    root = parseRoot(text);
  }
  const array = findNodeAtLocation(root, ['sources'])!;
  if (array.type !== 'array') throw new Error('"sources" is not an array');
  return appendChild(text, array, renderLike(text, array, value), layoutOf(text));
}

/** Removes the `index`-th source. */
export function removeSource(text: string, index: number): string {
  const array = findNodeAtLocation(parseRoot(text), ['sources']);
  if (array?.type !== 'array' || array.children?.[index] === undefined) throw new Error(`no source at index ${index}`);
  return removeChild(text, array, index);
}

/**
 * Sets `key` of the `index`-th source to `value` — replacing its value in place, or appending the
 * key after the source's last key — or, with `undefined`, removes the key.
 */
export function setSourceKey(text: string, index: number, key: string, value: JsonValue | undefined): string {
  const source = findNodeAtLocation(parseRoot(text), ['sources', index]);
  if (source?.type !== 'object') throw new Error(`no source at index ${index}`);
  const at = (source.children ?? []).findIndex((p) => p.children?.[0]?.value === key);
  if (value === undefined) return at === -1 ? text : removeChild(text, source, at);
  const layout = layoutOf(text);
  if (at !== -1) {
    const old = source.children![at]!.children![1]!;
    return splice(text, old.offset, old.length, render(value, { ...layout, oneLine: true }, '', spacedLike(text, source)));
  }
  const rendered = render(value, { ...layout, oneLine: true }, '', spacedLike(text, source));
  return appendChild(text, source, `${JSON.stringify(key)}:${separatorAfterColon(text, source)}${rendered}`, layout);
}

function parseRoot(text: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (root === undefined || errors.length > 0 || root.type !== 'object') throw new Error('the configuration is not a JSON object');
  return root;
}

function layoutOf(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text.split(/\r?\n/u).flatMap((line) => /^([ \t]+)\S/u.exec(line)?.[1] ?? []);
  const tab = indents.some((i) => i.startsWith('\t'));
  const spaces = indents.filter((i) => !i.startsWith('\t')).map((i) => i.length);
  const unit = tab ? '\t' : ' '.repeat(spaces.length ? Math.min(...spaces) : 2);
  return { eol, unit, oneLine: !/\r?\n\s*\S/u.test(text.trim()) };
}

const end = (n: Node) => n.offset + n.length;

function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

/** The whitespace that starts the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/u.exec(text.slice(start))![0];
}

/** What follows the colon in the container's properties (`": "` or `":"`), else one space. */
function separatorAfterColon(text: string, container: Node): string {
  const property = container.children?.find((c) => c.type === 'property');
  const [key, value] = property?.children ?? [];
  if (key === undefined || value === undefined) return ' ';
  return text.slice(end(key), value.offset).replace(':', '');
}

/** Whether a one-line container is written with spaces inside (`{ "a": 1, "b": 2 }`) rather than minified. */
function spacedLike(text: string, container: Node): boolean {
  return /^[[{]\s/u.test(text.slice(container.offset, end(container))) || separatorAfterColon(text, container) !== '';
}

/**
 * Renders `value` as a new element of `array`, laid out as its last element is: on several lines
 * with the same indentation, or on one line, spaced or minified.
 */
function renderLike(text: string, array: Node, value: JsonValue): string {
  const layout = layoutOf(text);
  const sibling = array.children?.at(-1);
  if (sibling === undefined) {
    const inner = lineIndent(text, array.offset) + layout.unit + layout.unit;
    return render(value, layout, inner, !layout.oneLine || spacedLike(text, parseRoot(text)));
  }
  const siblingText = text.slice(sibling.offset, end(sibling));
  if (!siblingText.includes('\n')) return render(value, { ...layout, oneLine: true }, '', spacedLike(text, sibling));
  const first = sibling.children?.[0];
  const inner = first === undefined ? lineIndent(text, sibling.offset) + layout.unit : lineIndent(text, first.offset);
  return render(value, { ...layout, oneLine: false }, inner, true);
}

/**
 * JSON text of `value`. An object on several lines puts each key on its own line at `inner`
 * indentation (its closing brace one unit less); arrays of plain values stay on one line, as
 * people write `"tags": ["asia", "trade"]`.
 */
function render(value: JsonValue, layout: Layout, inner: string, spaced: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => render(v, { ...layout, oneLine: true }, '', spaced));
    return spaced ? `[${items.join(', ')}]` : `[${items.join(',')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const colon = spaced ? ': ' : ':';
  if (layout.oneLine) {
    const items = entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${render(v, layout, '', spaced)}`);
    return spaced ? `{ ${items.join(', ')} }` : `{${items.join(',')}}`;
  }
  const close = inner.slice(0, Math.max(0, inner.length - layout.unit.length));
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, { ...layout, oneLine: true }, '', true)}`);
  return `{${layout.eol}${lines.join(`,${layout.eol}`)}${layout.eol}${close}}`;
}

/**
 * Appends `child` (element text, or `"key": value` text) to an array or object. After an existing
 * child it is separated as the last child is from the one before it (or, for a container of one,
 * by a comma and the space that precedes the first child); into an empty container it goes on a
 * line of its own one unit in, unless the file is on one line.
 */
function appendChild(text: string, container: Node, child: string, layout: Layout): string {
  const children = container.children ?? [];
  const last = children.at(-1);
  if (last !== undefined) {
    const previous = children.at(-2);
    const separator = previous !== undefined ? text.slice(end(previous), last.offset) : `,${text.slice(container.offset + 1, children[0]!.offset)}`;
    return splice(text, end(last), 0, separator + child);
  }
  const indent = lineIndent(text, container.offset);
  const inside = layout.oneLine ? child : `${layout.eol}${indent}${layout.unit}${child}${layout.eol}${indent}`;
  return splice(text, container.offset + 1, container.length - 2, inside);
}

/** Removes the `index`-th child with the separator that the append of it would have inserted. */
function removeChild(text: string, container: Node, index: number): string {
  const children = container.children!;
  if (children.length === 1) return splice(text, container.offset + 1, container.length - 2, '');
  if (index === children.length - 1) {
    const previous = children[index - 1]!;
    return splice(text, end(previous), end(children[index]!) - end(previous), '');
  }
  return splice(text, children[index]!.offset, children[index + 1]!.offset - children[index]!.offset, '');
}
