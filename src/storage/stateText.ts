// Hands the JSON text of a bot state item between a store and the bot's state cache, so one object is not serialised twice in a row.

/**
 * The text is `JSON.stringify` of the item without its `eTag`: what the store keeps and what the bot's change check
 * compares. It holds only for the item as it was when recorded, so each is taken (read and forgotten) right away
 * by the one party the item is handed to. Reads and writes use separate maps: an item a caller read, changed and
 * wrote back itself can never be written with the text of its read.
 */
const readTexts = new WeakMap<object, string>();
const writeTexts = new WeakMap<object, string>();

function take(map: WeakMap<object, string>, item: object): string | undefined {
  const json = map.get(item);
  if (json !== undefined) map.delete(item);
  return json;
}

/** Store side of a read: the item was just parsed from this text. */
export function attachReadText(item: object, json: string): void {
  readTexts.set(item, json);
}

/** Bot side of a read, straight after it: the text the item was parsed from, if the store recorded it. */
export function takeReadText(item: object): string | undefined {
  return take(readTexts, item);
}

/** Bot side of a write, straight before it: the item serialised as the store keeps it. */
export function attachWriteText(item: object, json: string): void {
  writeTexts.set(item, json);
}

/** Store side of a write: the text to keep for the item, if the writer recorded it; forgotten either way after the write. */
export function takeWriteText(item: object): string | undefined {
  return take(writeTexts, item);
}
