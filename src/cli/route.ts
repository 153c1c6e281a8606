// `route` command: one JSON object on stdin (interfaces.md `route`), where to go now as one JSON line on stdout.
import { InvalidInputError } from '../errors.js';
import { parseRouteInput, route } from '../routing/index.js';
import { parseJson, readStdin, type CliCommand } from './io.js';

export const run: CliCommand = async (args) => {
  // The command takes no options; a stray word is more likely a mistake than something to ignore.
  if (args.length > 0) throw new InvalidInputError(`route: unexpected argument ${JSON.stringify(args[0])}`);
  const input = parseRouteInput(parseJson(await readStdin()));
  process.stdout.write(`${JSON.stringify(route(input))}\n`);
};
