// Shared helpers for CLI commands: reading stdin and parsing JSON with a clear error.
import { InvalidInputError } from '../errors.js';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON or throws InvalidInputError naming where it failed. */
export function parseJson(text: string, what = 'input'): unknown {
  if (text.trim() === '') throw new InvalidInputError(`${what}: empty, expected a JSON object`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${what}: not valid JSON (${(error as Error).message})`);
  }
}

/** The interface every CLI command implements; args are the words after the command name. */
export type CliCommand = (args: string[]) => Promise<void>;
