// Parses a Direct Line watermark (the last seq the client has): empty or absent means "from the start".
import { InvalidInputError } from '../errors.js';

export function parseWatermark(value: unknown): number {
  if (value === undefined || value === null || value === '' || value === '-') return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new InvalidInputError('watermark: expected a whole number');
  return Number(value);
}
