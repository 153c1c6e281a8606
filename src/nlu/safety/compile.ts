// Compiles the small pattern language of patterns.json (@LIST macros, `_` word gaps, optional words) into RegExps.
const WORD_GAP_AFTER = '(?:[a-z0-9]+ ){0,3}';
const WORD_GAP_BEFORE = '(?: [a-z0-9]+){0,3}';
// `___` spans up to twelve words and may cross clause marks: for words that only need to share a message.
const WIDE_GAP_AFTER = '(?:[a-z0-9,]+ ){0,12}';
const WIDE_GAP_BEFORE = '(?: [a-z0-9,]+){0,12}';

/** Replaces @NAME with its list, recursively; unknown names are a data error and throw. */
export function expandLists(source: string, lists: Record<string, string>, depth = 0): string {
  if (depth > 5) throw new Error(`pattern lists nest too deep in: ${source}`);
  return source.replace(/@([A-Z]+)/g, (_whole, name: string) => {
    const list = lists[name];
    if (list === undefined) throw new Error(`unknown pattern list @${name}`);
    return expandLists(list, lists, depth + 1);
  });
}

/**
 * Source to regex body. Normalised text has single spaces between words, so a space in a pattern
 * is one space; `_` stands for zero to three words, `___` for zero to twelve (across clauses); `(x)? ` and `word? ` make a whole word optional.
 */
export function toRegexBody(expanded: string): string {
  return expanded
    .replace(/(^|[(|]) ?___ /g, `$1${WIDE_GAP_AFTER}`)
    .replace(/ ___ /g, ` ${WIDE_GAP_AFTER}`)
    .replace(/ ___(?=[|)]|$)/g, WIDE_GAP_BEFORE)
    .replace(/(^|[(|]) ?_ /g, `$1${WORD_GAP_AFTER}`)
    .replace(/ _ /g, ` ${WORD_GAP_AFTER}`)
    .replace(/ _(?=[|)]|$)/g, WORD_GAP_BEFORE)
    .replace(/ ([a-z]+)\? /g, ' (?:$1 )?')
    .replace(/\(([^()]*)\)\? /g, '(?:(?:$1) )?')
    .replace(/ \(([^()]*)\)\?(?=[|)]|$)/g, '(?: (?:$1))?');
}

/** Whole-word regex for one pattern: never starts or ends inside a word ("broodmes" is not "mes"). */
export function compilePattern(source: string, lists: Record<string, string>, flags = 'g'): RegExp {
  const body = withoutCaptures(toRegexBody(expandLists(source, lists)));
  return new RegExp(`(?<![a-z0-9])(?:${body})(?![a-z0-9])`, flags);
}

/**
 * Groups made non-capturing: callers only read where a match ends, and a regex with dozens of capture groups
 * spends its time saving them. What matches stays the same; a source with a back-reference keeps its groups.
 */
export function withoutCaptures(body: string): string {
  if (/\\[1-9k]/.test(body)) return body;
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      out += c + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(' && body[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * The words of a pattern that is only plain words ("ik ben bang"), else undefined. Such a pattern matches at a word
 * exactly when the text's words from there are these words (a match is whole words, joined by single spaces), so it
 * is checked by comparing words instead of running its regex.
 */
export function plainWords(expanded: string): string[] | undefined {
  return /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(expanded) ? expanded.split(' ') : undefined;
}

/** True when `words` from position `at` on are `plain` (see plainWords). */
export function wordsAt(plain: readonly string[], words: readonly string[], at: number): boolean {
  if (at + plain.length > words.length) return false;
  for (let j = 0; j < plain.length; j++) if (words[at + j] !== plain[j]) return false;
  return true;
}

/** Every plain word a pattern spells out, used to tell its own negation words from the writer's. */
export function literalWords(source: string, lists: Record<string, string>): Set<string> {
  return new Set(expandLists(source, lists).match(/[a-z0-9]+/g) ?? []);
}

/**
 * Splits `(a|b|c)` (one group spanning the whole source) into its alternatives, so each can be gated
 * on its own first and last words; any other source comes back whole.
 */
export function splitAlternatives(expanded: string): string[] {
  const whole = expanded.startsWith('(') && closingParen(expanded, 0) === expanded.length - 1;
  const body = whole ? expanded.slice(1, -1) : expanded;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
