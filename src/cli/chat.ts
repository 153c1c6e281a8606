// `chat [--lang en] [--simple]`: talk to the bot in a terminal; choices are numbered, a typed number picks one. Works piped.
import { createInterface } from 'node:readline';
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot } from '../bot/createBot.js';
import { parseModeArgs } from './chatArgs.js';
import type { CliCommand } from './io.js';

const CONVERSATION = { id: 'terminal', isGroup: false, conversationType: 'personal', name: '' };
const USER = { id: 'terminal-user', name: '', role: 'user' };
const BOT = { id: 'hulpwijzer', name: 'hulpwijzer', role: 'bot' };

/** Text plus its buttons as "1) label" lines, the way the terminal shows a bot message. */
export function renderForTerminal(activity: Partial<Activity>): { text: string; options: string[] } {
  const options = (activity.suggestedActions?.actions ?? []).map((a) => String(a.value ?? a.title));
  const labels = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value));
  const lines = [activity.text ?? '', ...labels.map((label, i) => `  ${i + 1}) ${label}`)].filter((l) => l !== '');
  return { text: lines.join('\n'), options };
}

/** A typed number picks the numbered option of the last bot message; anything else is sent as typed. */
export function resolveInput(line: string, options: readonly string[]): string {
  const trimmed = line.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const picked = options[Number(trimmed) - 1];
    if (picked !== undefined) return picked;
  }
  return trimmed;
}

export const run: CliCommand = async (args) => {
  const { lang, simple } = parseModeArgs('chat', args, { langRequired: false });
  const { getAnalyser } = await import('../nlu/index.js');
  const analyser = await getAnalyser();
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  let options: string[] = [];
  let sequence = 0;

  const bot = createBot({
    storage: new MemoryStorage(),
    analyser,
    deliver: async (_reference, activities) => {
      for (const activity of activities) {
        if (activity.type !== 'message') continue;
        const shown = renderForTerminal(activity);
        options = shown.options;
        process.stdout.write(`${shown.text}\n\n`);
      }
      return activities.map(() => ({ id: `terminal-${++sequence}` }));
    },
  });

  // The terminal's flags travel like the web page's switches: as channel settings with each activity.
  const base = (): Partial<Activity> => ({ channelId: 'terminal', conversation: CONVERSATION, from: USER, recipient: BOT, channelData: { lang, simple } });
  await bot.handle({ ...base(), type: 'conversationUpdate', membersAdded: [{ id: USER.id, name: '' }] });

  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  if (interactive) rl.setPrompt('> ');
  if (interactive) rl.prompt();
  // Lines are handled strictly in order: each waits for the previous turn (piped input arrives all at once).
  for await (const line of rl) {
    const text = resolveInput(line, options);
    if (text !== '') await bot.handle({ ...base(), type: 'message', text });
    if (interactive) rl.prompt();
  }
  rl.close();
};
