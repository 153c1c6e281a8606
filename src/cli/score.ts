// `score` command: one JSON assessment on stdin, the scoring result as one JSON line on stdout.
import { InvalidInputError } from '../errors.js';
import { parseScoreInput, score } from '../scoring/index.js';
import { parseJson, readStdin, type CliCommand } from './io.js';

export const run: CliCommand = async (args) => {
  // The command takes no options; a stray word is more likely a mistake than something to ignore.
  if (args.length > 0) throw new InvalidInputError(`score: unexpected argument ${JSON.stringify(args[0])}`);
  const input = parseScoreInput(parseJson(await readStdin()));
  process.stdout.write(`${JSON.stringify(score(input))}\n`);
};
