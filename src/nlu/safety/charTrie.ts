// Literals stored by their characters, so the literals a word begins (or ends) with are found in one walk over its character codes, without cutting substrings.
/*
 * The gates and the word lists look up every beginning (ending) of a word they have not seen before. Cutting each
 * beginning out and hashing it costs a string and a Map lookup per length; a walk down this tree costs one array read
 * per character and stops at the first character no literal continues with.
 */

/** Characters a literal may hold: normalised words are a-z and 0-9, and pattern literals may also hold the clause mark ','. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789,';
const WIDTH = ALPHABET.length;
/** Character code -> column + 1 (0: a character no literal holds). */
const COLUMN = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) COLUMN[ALPHABET.charCodeAt(i)] = i + 1;

export class CharTrie<T> {
  /** Child node per node and column (0: none; node 0 is the root, so it is never a child). */
  private children = new Int32Array(WIDTH * 64);
  /** Values of the literal that ends at each node, in the order they were added. */
  private readonly values: (T[] | undefined)[] = [undefined];

  /** `fromEnd`: literals are read from their last character back, to find the endings of a word. */
  constructor(private readonly fromEnd: boolean) {}

  /** Adds a value for a literal; an empty literal is ignored (it begins every word and decides nothing). */
  add(literal: string, value: T): void {
    let node = 0;
    const n = literal.length;
    for (let k = 0; k < n; k++) {
      const code = literal.charCodeAt(this.fromEnd ? n - 1 - k : k);
      const column = code < 128 ? COLUMN[code] : 0;
      if (column === 0) throw new Error(`literal '${literal}' holds a character outside ${ALPHABET}`);
      const at = node * WIDTH + column - 1;
      let child = this.children[at];
      if (child === 0) {
        child = this.values.length;
        this.values.push(undefined);
        if ((child + 1) * WIDTH > this.children.length) {
          const bigger = new Int32Array(this.children.length * 2);
          bigger.set(this.children);
          this.children = bigger;
        }
        this.children[at] = child;
      }
      node = child;
    }
    if (node === 0) return;
    const list = this.values[node];
    if (list === undefined) this.values[node] = [value];
    else list.push(value);
  }

  /**
   * Appends to `out` the values of every literal the word begins with (ends with, for a trie read from the end),
   * shorter literals first; returns `out`, created only when something was found.
   */
  collect(word: string, out: T[] | undefined): T[] | undefined {
    const children = this.children;
    const values = this.values;
    const n = word.length;
    let node = 0;
    for (let k = 0; k < n; k++) {
      const code = word.charCodeAt(this.fromEnd ? n - 1 - k : k);
      const column = code < 128 ? COLUMN[code] : 0;
      if (column === 0) break;
      node = children[node * WIDTH + column - 1];
      if (node === 0) break;
      const list = values[node];
      if (list !== undefined) {
        out ??= [];
        for (let v = 0; v < list.length; v++) out.push(list[v]);
      }
    }
    return out;
  }
}
