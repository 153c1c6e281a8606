// Speed gate for many word patterns: a pattern only runs when some word of the text starts with one of its possible first words.
/**
 * First-word anchors of a pattern source (after @LIST expansion), or null when the pattern can start
 * with any word (then it always runs). Every match begins at a word start, and that word must begin
 * with one of these anchors, so skipping the pattern when no word does can never lose a match.
 */
export function anchorsOf(source: string): string[] | null {
  // Wrapped like compilePattern wraps it, so a top-level `a|b` parses as one group.
  const wrapped = `(${source})`;
  const parser = new AnchorParser(wrapped);
  const result = parser.sequence();
  if (parser.pos !== wrapped.length) throw new Error(`pattern parse stopped at ${parser.pos}: ${source}`);
  return result.anchors === null || result.nullable ? null : [...result.anchors];
}

interface First {
  /** Possible first-word prefixes; null means "anything". */
  anchors: Set<string> | null;
  /** The part can match nothing at all. */
  nullable: boolean;
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null || b === null) return null;
  return new Set([...a, ...b]);
}

class AnchorParser {
  pos = 0;
  constructor(private readonly src: string) {}

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  /** Space-separated words until `|`, `)` or the end. */
  sequence(): First {
    let anchors: Set<string> | null = new Set();
    let open = true;
    let nullable = true;
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      if (this.peek() === ' ') {
        // " ?" is an optional space: the next atoms may glue onto this word, whose start stays the same.
        this.pos++;
        if (this.peek() === '?') this.pos++;
        continue;
      }
      const word = this.word();
      if (open) {
        anchors = union(anchors, word.anchors);
        if (!word.nullable) {
          open = false;
          nullable = false;
        }
      }
    }
    return { anchors: nullable ? null : anchors, nullable };
  }

  /** One space-free run of atoms: literals, groups, character classes, gaps. */
  private word(): First {
    let anchors: Set<string> | null = new Set();
    let prefix = '';
    // Once the first word's start is known (or unknowable), later atoms only need to be skipped.
    let settled = false;
    let nullable = true;
    const settle = (a: Set<string> | null) => {
      anchors = union(anchors, a);
      nullable = false;
      settled = true;
    };
    while (this.pos < this.src.length && !' |)'.includes(this.peek())) {
      const c = this.peek();
      if (c === '_') {
        while (this.peek() === '_') this.pos++;
      } else if (c === '(') {
        this.pos++;
        let groupAnchors: Set<string> | null = new Set();
        let groupNullable = false;
        for (;;) {
          const alt = this.sequence();
          groupAnchors = union(groupAnchors, alt.anchors);
          if (alt.nullable) groupNullable = true;
          if (this.peek() === '|') {
            this.pos++;
            continue;
          }
          if (this.peek() !== ')') throw new Error(`unclosed group in ${this.src}`);
          this.pos++;
          break;
        }
        const optional = this.quantifier() || groupNullable;
        if (settled) continue;
        if (prefix !== '') settle(new Set([prefix]));
        else if (optional) anchors = union(anchors, groupAnchors);
        else settle(groupAnchors);
      } else if (c === '[') {
        const end = this.src.indexOf(']', this.pos);
        if (end < 0) throw new Error(`unclosed class in ${this.src}`);
        this.pos = end + 1;
        const optional = this.quantifier();
        if (settled) continue;
        if (prefix !== '') settle(new Set([prefix]));
        else if (!optional) settle(null);
      } else if (/[a-z0-9,]/.test(c)) {
        this.pos++;
        const optional = this.quantifier();
        if (settled) continue;
        if (!optional) prefix += c;
        else if (prefix !== '') settle(new Set([prefix]));
        else settle(null);
      } else {
        throw new Error(`unexpected '${c}' in pattern ${this.src}`);
      }
    }
    if (!settled && prefix !== '') settle(new Set([prefix]));
    return { anchors, nullable };
  }

  /** Consumes ?, *, + after an atom; true when the atom may be absent. */
  private quantifier(): boolean {
    const q = this.peek();
    if (q === '?' || q === '*') {
      this.pos++;
      return true;
    }
    if (q === '+') this.pos++;
    return false;
  }
}

/** Which of many patterns can match a text, from its words' prefixes: one Map lookup per prefix. */
export class PatternGate {
  private readonly byAnchor = new Map<string, number[]>();
  private readonly always: number[] = [];
  private readonly maxAnchor: number;

  constructor(anchorLists: ReadonlyArray<string[] | null>) {
    let max = 0;
    anchorLists.forEach((anchors, index) => {
      if (anchors === null || anchors.length === 0) {
        this.always.push(index);
        return;
      }
      for (const a of anchors) {
        max = Math.max(max, a.length);
        const list = this.byAnchor.get(a);
        if (list) list.push(index);
        else this.byAnchor.set(a, [index]);
      }
    });
    this.maxAnchor = max;
    this.size = anchorLists.length;
  }

  readonly size: number;

  /** Flags (1 = may match) for every pattern, given the text's words. */
  candidates(words: ReadonlyArray<string>): Uint8Array {
    const flags = new Uint8Array(this.size);
    for (const i of this.always) flags[i] = 1;
    for (const w of words) {
      const limit = Math.min(w.length, this.maxAnchor);
      for (let len = 1; len <= limit; len++) {
        const list = this.byAnchor.get(w.slice(0, len));
        if (list) for (const i of list) flags[i] = 1;
      }
    }
    return flags;
  }
}
