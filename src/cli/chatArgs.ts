// Parses the flags of `chat` and `texts`: --lang nl|en and --simple; anything else is invalid input (exit 2).
import { InvalidInputError } from '../errors.js';
import { SUPPORTED_LANGUAGES, type Language } from '../bot/i18n.js';

export interface ModeArgs {
  lang: Language;
  simple: boolean;
}

export function parseModeArgs(command: string, args: readonly string[], options: { langRequired: boolean }): ModeArgs {
  let lang: Language | undefined;
  let simple = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--lang=') ? ['--lang', arg.slice('--lang='.length)] : [arg, undefined];
    if (flag === '--simple') simple = true;
    else if (flag === '--lang') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new InvalidInputError(`${command}: --lang needs a value (${SUPPORTED_LANGUAGES.join(' or ')})`);
      if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(value))
        throw new InvalidInputError(`${command}: --lang: unknown language ${JSON.stringify(value)}, expected ${SUPPORTED_LANGUAGES.join(' or ')}`);
      lang = value as Language;
    } else throw new InvalidInputError(`${command}: unknown argument ${JSON.stringify(arg)}`);
  }
  if (!lang && options.langRequired) throw new InvalidInputError(`${command}: --lang is required (${SUPPORTED_LANGUAGES.join(' or ')})`);
  return { lang: lang ?? 'nl', simple };
}
