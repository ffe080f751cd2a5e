/**
 * A tag-level pass over HTML that builds nothing and decodes nothing: the events the region scan
 * reads (element opened, element closed, text), with the positions htmlparser2's `Parser` reports
 * for them — the same parser that cheerio then runs over the region slices.
 *
 * Why not htmlparser2 itself: on a France Diplomatie page the scan tokenises ~70 KB, most of it
 * navigation, to find a few KB of content. htmlparser2's tokenizer walks every character through
 * a state machine and its parser builds an attribute object for every tag; together that was
 * about half the cost of a full cheerio parse of the page (docs/figures.md, "Speed"). Here text,
 * comments and raw-text elements are skipped with `indexOf`, a tag's attributes are walked once
 * and only the few asked for are kept.
 *
 * What "the same events" means, and how it is held to: every rule below reproduces a rule of
 * htmlparser2 10 in HTML mode with `decodeEntities: false` — where a tag, comment, declaration or
 * raw-text element ends, which elements an opening tag closes implicitly, void elements, the
 * self-closing syntax inside `<svg>`/`<math>`, `</p>` and `</br>` without an opening, the text
 * emitted for markup cut off by the end of the page — including its quirks, since a slice cut
 * where the parser would not cut it changes what cheerio reads. test/extract/markup-scanner.test.ts
 * compares the two on every page of the corpora and on generated hostile markup.
 */

/** What a handler can read of the element being opened, during `open` only. */
export interface OpenTag {
  /** The value of the named attribute (one of the scan's `attributes`), raw, first occurrence; undefined when absent. */
  attribute(name: string): string | undefined;
}

export interface MarkupHandler {
  /** An element opens; `start` is where its outer HTML begins. */
  open(name: string, start: number, tag: OpenTag): void;
  /** The innermost open element closes; `end` is where its outer HTML ends (exclusive, may pass the page's length by one). */
  close(name: string, end: number): void;
  /** Raw text `[start, end)` outside markup (an element's text may come in several pieces). */
  text(start: number, end: number): void;
}

const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const DASH = 0x2d;
const SLASH = 0x2f;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === FF || c === CR;
}

function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** A tag name ends at white space, `/` or `>`. */
function endsTagName(c: number): boolean {
  return c === SLASH || c === GT || isSpace(c);
}

/** Elements whose content is raw text up to their closing tag. */
const RAW_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Elements that have no content and no closing tag. */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** For an opening tag, the open elements it closes while they are innermost (`<li>` after `<li>`). */
const CLOSES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const paragraph = new Set(['p']);
  const form = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
  const map = new Map<string, ReadonlySet<string>>([
    ['tr', new Set(['tr', 'th', 'td'])],
    ['th', new Set(['th'])],
    ['td', new Set(['thead', 'th', 'td'])],
    ['body', new Set(['head', 'link', 'script'])],
    ['li', new Set(['li'])],
    ['option', new Set(['option'])],
    ['optgroup', new Set(['optgroup', 'option'])],
    ['dd', new Set(['dd', 'dt'])],
    ['dt', new Set(['dd', 'dt'])],
    ['rt', new Set(['rt', 'rp'])],
    ['rp', new Set(['rt', 'rp'])],
    ['tbody', new Set(['thead', 'tbody'])],
    ['tfoot', new Set(['thead', 'tbody'])],
  ]);
  for (const name of ['select', 'input', 'output', 'button', 'datalist', 'textarea']) map.set(name, form);
  const closesParagraph = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'];
  for (const name of closesParagraph) map.set(name, paragraph);
  return map;
})();

/** Foreign content (`/>` closes an element there) and the elements inside it that are HTML again. */
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** True when `partial` (a tag name cut off by the end of the page) is a prefix of a raw-text element's name. */
function beginsRawTextName(html: string, from: number): boolean {
  const length = html.length - from;
  if (length === 0) return false;
  outer: for (const name of RAW_TEXT) {
    if (length > name.length) continue;
    for (let i = 0; i < length; i++) if ((html.charCodeAt(from + i) | 0x20) !== name.charCodeAt(i)) continue outer;
    return true;
  }
  return false;
}

/**
 * Walks `html` once and reports its elements to `handler`, as htmlparser2 would (see the file's
 * comment). `attributes` are the lower-case names `OpenTag.attribute` can be asked for.
 */
export function scanMarkup(html: string, attributes: readonly string[], handler: MarkupHandler): void {
  new MarkupScanner(html, attributes, handler).run();
}

/**
 * Lower-case tag names already met, by a hash of their characters, shared by every scan: pages
 * use the same hundred names, so most tags need no new string. Bounded; an entry is used only
 * after its characters are compared (`nameAt`), so a hash collision costs a slice, never a wrong name.
 */
const NAMES = new Map<number, string>();
const MAX_NAMES = 256;

class MarkupScanner implements OpenTag {
  private readonly length: number;
  /** Open elements as the parser keeps them, innermost last. */
  private readonly stack: string[] = [];
  /** Whether each foreign or integration element opened is foreign, innermost last (the parser's `foreignContext`). */
  private readonly foreign: boolean[] = [false];
  /** The parser's `startIndex`: where the node being reported begins. */
  private startIndex = 0;
  /** Where pending text begins. */
  private textStart = 0;
  /** Value ranges of the wanted attributes of the tag being read: `[start, end]` per name, valid when `seen` holds the tag's number. */
  private readonly values: Int32Array;
  private readonly seen: Int32Array;
  /** Number of the tag being read (instead of clearing `values` for each tag). */
  private tagNumber = 0;
  private readonly byLength = new Map<number, number[]>();

  constructor(
    private readonly html: string,
    private readonly wanted: readonly string[],
    private readonly handler: MarkupHandler,
  ) {
    this.length = html.length;
    this.values = new Int32Array(wanted.length * 2);
    this.seen = new Int32Array(wanted.length);
    wanted.forEach((name, i) => {
      if (!/^[a-jl-z]+$/.test(name)) throw new Error(`attribute names are compared as ASCII letters without "k": ${name}`);
      const same = this.byLength.get(name.length) ?? [];
      same.push(i);
      this.byLength.set(name.length, same);
    });
  }

  attribute(name: string): string | undefined {
    const i = this.wanted.indexOf(name);
    if (i < 0 || this.seen[i] !== this.tagNumber) return undefined;
    return this.html.slice(this.values[2 * i], this.values[2 * i + 1]);
  }

  run(): void {
    const { html, length } = this;
    let pos = 0;
    while (pos < length) {
      const lt = html.indexOf('<', pos);
      if (lt < 0) break;
      if (lt + 1 >= length) {
        // A lone `<` at the very end is text.
        this.flushText(lt);
        this.textStart = lt;
        break;
      }
      const c = html.charCodeAt(lt + 1);
      if (isAsciiLetter(c)) {
        this.flushText(lt);
        pos = this.openTag(lt);
      } else if (c === SLASH) {
        this.flushText(lt);
        pos = this.closingTag(lt);
      } else if (c === BANG) {
        this.flushText(lt);
        pos = this.declaration(lt);
      } else if (c === QUESTION) {
        this.flushText(lt);
        pos = this.endOfMarkup(html.indexOf('>', lt + 2), lt + 2);
      } else {
        pos = lt + 1;
      }
    }
    this.flushText(length);
    // The end of the page closes what is still open, innermost first, where the last node ended.
    for (let i = this.stack.length - 1; i >= 0; i--) this.handler.close(this.stack[i]!, this.startIndex);
    this.stack.length = 0;
  }

  /** Reports pending text up to `end`, if any. */
  private flushText(end: number): void {
    if (end > this.textStart) {
      this.handler.text(this.textStart, end);
      this.startIndex = end;
    }
    this.textStart = end;
  }

  /**
   * Text the parser reports for markup cut off by the end of the page, from `from` to the end;
   * -1 stands for htmlparser2's reading of its "no section" marker, the page's last character.
   */
  private trailing(from: number): number {
    const start = from < 0 ? this.length - 1 : from;
    if (start < this.length) {
      this.handler.text(start, this.length);
      this.startIndex = this.length;
    }
    this.textStart = this.length;
    return this.length;
  }

  /** A comment-like node ends at `gt` (or runs to the end of the page as text from `textFrom` when -1). */
  private endOfMarkup(gt: number, textFrom: number): number {
    if (gt < 0) return this.trailing(textFrom);
    this.startIndex = gt + 1;
    this.textStart = gt + 1;
    return gt + 1;
  }

  /** `<!…`: a comment, a CDATA section (a comment in HTML) or a declaration. */
  private declaration(lt: number): number {
    const { html, length } = this;
    const q = lt + 2;
    if (q >= length) return this.trailing(q);
    const c = html.charCodeAt(q);
    if (c === DASH) {
      if (q + 1 >= length) return this.trailing(q);
      if (html.charCodeAt(q + 1) !== DASH) return this.endOfMarkup(html.indexOf('>', q + 2), q);
      // `<!-->` and `<!--->` are whole comments: the opening dashes count towards the closing `-->`.
      const close = html.indexOf('-->', q);
      if (close < 0) return this.commentToEnd(q + 2);
      return this.endOfMarkup(close + 2, q);
    }
    if (c === LBRACKET) {
      const open = 'CDATA[';
      let i = 0;
      while (i < open.length && q + 1 + i < length && html.charCodeAt(q + 1 + i) === open.charCodeAt(i)) i++;
      if (i === open.length) {
        const close = html.indexOf(']]>', q + 1 + open.length);
        if (close < 0) return this.commentToEnd(q + 1 + open.length);
        return this.endOfMarkup(close + 2, q);
      }
      if (q + 1 + i >= length) return this.trailing(q);
      // Not CDATA after all: a declaration, from the character that broke the match.
      return this.endOfMarkup(html.indexOf('>', q + 1 + i), q);
    }
    // The character after `<!` is taken by the declaration even when it is `>`.
    return this.endOfMarkup(html.indexOf('>', q + 1), q);
  }

  /** A comment (or CDATA) that the end of the page cuts off still is one, if it holds anything. */
  private commentToEnd(contentStart: number): number {
    if (contentStart < this.length) this.startIndex = this.length + 1;
    this.textStart = this.length;
    return this.length;
  }

  /** `</…`. */
  private closingTag(lt: number): number {
    const { html, length } = this;
    let q = lt + 2;
    while (q < length && isSpace(html.charCodeAt(q))) q++;
    if (q >= length) return this.trailing(lt);
    const c = html.charCodeAt(q);
    if (c === GT) {
      // `</>` is ignored: it stays part of the text around it.
      this.textStart = lt;
      return q + 1;
    }
    if (!isAsciiLetter(c)) return this.endOfMarkup(html.indexOf('>', q + 1), q);
    let e = q + 1;
    while (e < length && !(html.charCodeAt(e) === GT || isSpace(html.charCodeAt(e)))) e++;
    if (e >= length) {
      this.textStart = length;
      return length;
    }
    this.closeNamed(html.slice(q, e).toLowerCase(), e);
    return this.afterClosingName(e);
  }

  /** After a closing tag's name: everything up to `>` is skipped. */
  private afterClosingName(e: number): number {
    const gt = this.html.indexOf('>', e);
    if (gt < 0) return this.trailing(-1);
    this.textStart = gt + 1;
    return gt + 1;
  }

  /** The parser's handling of `</name>`, the name ending at `e`. */
  private closeNamed(name: string, e: number): void {
    const { stack, handler } = this;
    if (FOREIGN.has(name) || INTEGRATION.has(name)) this.foreign.pop();
    if (!VOID.has(name)) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) {
        while (stack.length > at + 1) handler.close(stack.pop()!, this.startIndex);
        handler.close(stack.pop()!, e + 1);
      } else if (name === 'p') {
        // `</p>` with no open paragraph is an empty paragraph.
        this.clearAttributes();
        handler.open('p', this.startIndex, this);
        handler.close('p', e + 1);
      }
    } else if (name === 'br') {
      // `</br>` is a line break.
      this.clearAttributes();
      handler.open('br', this.startIndex, this);
      handler.close('br', e + 1);
    }
    this.startIndex = e + 1;
  }

  private clearAttributes(): void {
    this.tagNumber++;
  }

  /** `<name …>`: returns where scanning goes on. */
  private openTag(lt: number): number {
    const { html, length, stack, handler } = this;
    let i = lt + 1;
    let hash = 0;
    for (; i < length; i++) {
      const c = html.charCodeAt(i);
      if (endsTagName(c)) break;
      hash = (Math.imul(hash, 31) + (c | 0x20)) | 0;
    }
    if (i >= length) {
      // Cut off inside the name: ignored, unless it could still be a raw-text element's name.
      return beginsRawTextName(html, lt + 1) ? this.trailing(lt + 1) : this.ignoreRest();
    }
    const name = this.nameAt(lt + 1, i, hash);
    // The parser acts on the name before it reads the attributes.
    const openStart = this.startIndex;
    const closes = CLOSES.get(name);
    if (closes !== undefined) {
      while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) handler.close(stack.pop()!, this.startIndex);
    }
    const isVoid = VOID.has(name);
    if (!isVoid) {
      stack.push(name);
      if (FOREIGN.has(name)) this.foreign.push(true);
      else if (INTEGRATION.has(name)) this.foreign.push(false);
    }
    const gt = this.readAttributes(i);
    if (gt < 0) return gt === -1 ? this.ignoreRest() : this.trailing(-1);
    this.startIndex = openStart;
    handler.open(name, openStart, this);
    if (isVoid) handler.close(name, openStart);
    this.startIndex = gt + 1;
    this.textStart = gt + 1;
    if (this.selfClosed) {
      // `/>` closes an element only in foreign content (`<svg>`, `<math>`); elsewhere it is ignored,
      // and a raw-text element written `<script/>` holds ordinary markup.
      if (this.foreign[this.foreign.length - 1] === true && stack[stack.length - 1] === name) {
        stack.pop();
        handler.close(name, openStart);
      }
      return gt + 1;
    }
    return RAW_TEXT.has(name) ? this.rawText(gt + 1, name) : gt + 1;
  }

  /**
   * The lower-case name `html[start, end)`, reused when met before: a name made of ASCII letters
   * and digits lower-cases by setting the 0x20 bit of its letters, so a cached name equal to it
   * that way is what `toLowerCase` would give.
   */
  private nameAt(start: number, end: number, hash: number): string {
    const { html } = this;
    const cached = NAMES.get(hash);
    if (cached !== undefined && cached.length === end - start) {
      let equal = true;
      for (let j = 0; j < cached.length && equal; j++) {
        const c = html.charCodeAt(start + j);
        equal = (c >= 0x30 && c <= 0x39 ? c : isAsciiLetter(c) ? c | 0x20 : -1) === cached.charCodeAt(j);
      }
      if (equal) return cached;
    }
    const name = html.slice(start, end).toLowerCase();
    if (/^[a-z0-9]+$/.test(name) && NAMES.size < MAX_NAMES) NAMES.set(hash, name);
    return name;
  }

  /** Whether the tag just read ended with `/>` (white space allowed between). */
  private selfClosed = false;

  /** Markup cut off by the end of the page that the parser drops: nothing more is reported. */
  private ignoreRest(): number {
    this.textStart = this.length;
    return this.length;
  }

  /**
   * Raw text from `from` up to the element's closing tag: `</name` in any case followed by white
   * space or `>`, found the way htmlparser2's tokenizer finds it (characters compared with their
   * 0x20 bit set, the search restarted only at a `<`, `<title>` read character by character).
   */
  private rawText(from: number, name: string): number {
    const { html, length } = this;
    const sequence = `</${name}`;
    const last = sequence.length;
    const isTitle = name === 'title';
    let matched = 0;
    for (let i = from; i < length; i++) {
      const c = html.charCodeAt(i);
      if (matched === last) {
        if (c === GT || isSpace(c)) {
          const k = i - last;
          this.flushText(k);
          const e = k + last;
          this.closeNamed(html.slice(k + 2, e).toLowerCase(), e);
          return this.afterClosingName(e);
        }
        matched = 0;
      }
      if ((c | 0x20) === sequence.charCodeAt(matched)) {
        matched++;
      } else if (matched === 0) {
        if (isTitle) continue;
        const next = html.indexOf('<', i + 1);
        if (next < 0) break;
        i = next;
        matched = 1;
      } else {
        matched = c === LT ? 1 : 0;
      }
    }
    return this.trailing(from);
  }

  /**
   * Reads the attributes from `i` (just after the name) to the tag's `>` and returns its index;
   * `selfClosed` says whether it was `/>`. Returns -1 when the page ends inside the tag (the parser
   * drops it) and -2 when it ends just after a `/` (the parser then reports its last character as text).
   */
  private readAttributes(i: number): number {
    const { html, length } = this;
    this.clearAttributes();
    this.selfClosed = false;
    for (;;) {
      // Before an attribute name.
      if (i >= length) return -1;
      let c = html.charCodeAt(i);
      if (c === GT) return i;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c === SLASH) {
        // `/`, then white space, then `>` closes the tag self-closed; anything else starts over.
        i++;
        while (i < length && isSpace(html.charCodeAt(i))) i++;
        if (i >= length) return -2;
        if (html.charCodeAt(i) === GT) {
          this.selfClosed = true;
          return i;
        }
        continue;
      }
      // An attribute name: its first character may be anything but white space, `/` and `>`.
      const nameStart = i++;
      while (i < length) {
        c = html.charCodeAt(i);
        if (c === EQ || endsTagName(c)) break;
        i++;
      }
      if (i >= length) return -1;
      const nameEnd = i;
      // The parser moves its start index to each attribute name; only a tag cut off by the end of
      // the page shows it (what is still open then closes there).
      this.startIndex = nameStart;
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      if (i >= length) return -1;
      if (html.charCodeAt(i) !== EQ) {
        this.keep(nameStart, nameEnd, i, i, true);
        continue;
      }
      i++;
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      if (i >= length) return -1;
      c = html.charCodeAt(i);
      if (c === DQUOTE || c === SQUOTE) {
        const close = html.indexOf(c === DQUOTE ? '"' : "'", i + 1);
        if (close < 0) return -1;
        this.keep(nameStart, nameEnd, i + 1, close, false);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < length) {
          c = html.charCodeAt(i);
          if (c === GT || isSpace(c)) break;
          i++;
        }
        if (i >= length) return -1;
        this.keep(nameStart, nameEnd, valueStart, i, false);
      }
    }
  }

  /**
   * Records an attribute's value if its name is wanted and not seen before in this tag (the first
   * one counts). Names are compared as `toLowerCase` would, without making the string: the wanted
   * names are ASCII letters without "k", and the only other characters `toLowerCase` turns into
   * such letters are their capitals (U+212A KELVIN SIGN becomes "k", U+0130 two characters).
   */
  private keep(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, empty: boolean): void {
    const same = this.byLength.get(nameEnd - nameStart);
    if (same === undefined) return;
    const { html, wanted } = this;
    next: for (const i of same) {
      const name = wanted[i]!;
      for (let j = 0; j < name.length; j++) if ((html.charCodeAt(nameStart + j) | 0x20) !== name.charCodeAt(j)) continue next;
      if (this.seen[i] === this.tagNumber) return;
      this.seen[i] = this.tagNumber;
      this.values[2 * i] = valueStart;
      this.values[2 * i + 1] = empty ? valueStart : valueEnd;
      return;
    }
  }
}

