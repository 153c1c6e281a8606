// CLI `analyse`: JSON Lines of {"text","lang"?} on stdin, one analysis JSON line per input line on stdout.
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { LanguageSchema } from '../ids.js';
import { getAnalyser } from '../nlu/index.js';
import { parseOrThrow } from '../validation.js';
import { readStdin, type CliCommand } from './io.js';

const LineSchema = z.strictObject({
  text: z.string(),
  lang: LanguageSchema.optional(),
});

/**
 * Every line is validated before anything is printed, so bad input never leaves half an answer on stdout.
 * Blank (or whitespace-only) lines are skipped and produce no output line; all other lines answer in order.
 */
export const run: CliCommand = async (args) => {
  if (args.length > 0) throw new InvalidInputError(`analyse: unexpected argument ${args[0]}, input is read from stdin`);
  const input = await readStdin();
  const requests: z.infer<typeof LineSchema>[] = [];
  const lines = input.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InvalidInputError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    requests.push(parseOrThrow(LineSchema, value, where));
  }
  if (requests.length === 0) return;
  const analyser = await getAnalyser();
  const out = requests.map((r) => JSON.stringify(analyser.analyse(r.text, r.lang ?? 'nl')));
  process.stdout.write(`${out.join('\n')}\n`);
};
