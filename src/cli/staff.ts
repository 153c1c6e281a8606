// `staff add <name>`: creates a helpdesk account; the password comes from stdin (one line) or, at a terminal, a hidden prompt twice.
import { loadConfig } from '../config.js';
import { InvalidInputError } from '../errors.js';
import { openStore } from '../storage/index.js';
import { addStaffAccount } from '../staff/accounts.js';
import { readStdin, type CliCommand } from './io.js';

const usage = 'usage: staff add <name>   (password on stdin, or prompted twice at a terminal)';

/** Reads one line at a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new InvalidInputError('password: cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    // Only the first line counts: `echo secret | ... staff add anna` ends with a newline that is not part of it.
    return (await readStdin()).split(/\r?\n/)[0] ?? '';
  }
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new InvalidInputError('password: the two entries differ');
  return first;
}

export const run: CliCommand = async (args) => {
  const [sub, name, ...rest] = args;
  if (sub !== 'add' || !name || rest.length > 0) throw new InvalidInputError(usage);
  const password = await readPassword();
  if (password === '') throw new InvalidInputError('password: empty (give it on stdin, one line)');
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await addStaffAccount(store, name, password, Date.now());
  } finally {
    await store.close();
  }
  process.stdout.write(`staff account "${name}" added\n`);
};
