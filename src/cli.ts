#!/usr/bin/env node
// Command-line entry: dispatches to one module per command (serve, chat, score, analyse, route, texts, staff).
import { AppError, InvalidInputError } from './errors.js';
import type { CliCommand } from './cli/io.js';
import { startBackgroundTraining } from './nlu/backgroundTraining.js';

// Commands load lazily so `score` never pays for botbuilder or the NLU model.
const commands: Record<string, () => Promise<{ run: CliCommand }>> = {
  score: () => import('./cli/score.js'),
  route: () => import('./cli/route.js'),
  analyse: () => import('./cli/analyse.js'),
  texts: () => import('./cli/texts.js'),
  chat: () => import('./cli/chat.js'),
  serve: () => import('./cli/serve.js'),
  staff: () => import('./cli/staff.js'),
};

const usage = `usage: hulpwijzer <command>\ncommands: ${Object.keys(commands).join(', ')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`${name ? `unknown command: ${name}\n` : ''}${usage}\n`);
    return 2;
  }
  // Loading the server's modules is most of serve's start-up: the analyser's networks train meanwhile on the other core.
  if (name === 'serve') startBackgroundTraining();
  try {
    const command = await load();
    await command.run(args);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(`${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    const message = error instanceof AppError ? error.message : (error as Error)?.message ?? String(error);
    process.stderr.write(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// serve and chat keep the event loop alive themselves; one-shot commands exit with their code.
if (code !== 0 || !['serve', 'chat'].includes(process.argv[2] ?? '')) {
  process.exitCode = code;
}
