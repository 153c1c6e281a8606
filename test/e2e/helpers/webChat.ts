// Drives Bot Framework Web Chat on the chat page the way a user does: start, read the bot, click suggested actions, type.
import type { Page } from 'playwright-core';

export interface TranscriptEntry {
  fromUser: boolean;
  text: string;
  staff: boolean;
}

/** Everything shown in the transcript, oldest first. */
export async function transcript(page: Page): Promise<TranscriptEntry[]> {
  return page.$$eval('#hw-webchat .webchat__bubble', (bubbles) =>
    bubbles.map((bubble) => ({
      fromUser: bubble.classList.contains('webchat__bubble--from-user'),
      text: (bubble.querySelector('.webchat__bubble__content')?.textContent ?? '').trim(),
      staff: !!bubble.closest('.hw-staff'),
    })),
  );
}

export async function botTexts(page: Page): Promise<string[]> {
  return (await transcript(page)).filter((e) => !e.fromUser).map((e) => e.text);
}

/** The labels of the suggested actions now on screen. */
export async function suggestedActions(page: Page): Promise<string[]> {
  return page.$$eval('#hw-webchat .webchat__suggested-action', (buttons) => buttons.map((b) => (b.textContent ?? '').trim()));
}

/** Waits until the bot has said more than `before` things and then stays quiet for a moment (a turn may send several messages). */
export async function waitForBot(page: Page, before: number, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let seen = before;
  let quietSince = 0;
  while (Date.now() < deadline) {
    const count = (await botTexts(page)).length;
    if (count > seen) {
      seen = count;
      quietSince = Date.now();
    } else if (seen > before && Date.now() - quietSince > 600) {
      return (await botTexts(page)).slice(before);
    }
    await page.waitForTimeout(100);
  }
  if (seen > before) return (await botTexts(page)).slice(before);
  throw new Error(`the bot did not answer within ${timeoutMs} ms`);
}

/** Presses "Start het gesprek" and returns the bot's first messages (the welcome). */
export async function startChat(page: Page): Promise<string[]> {
  await page.click('#hw-start');
  await page.waitForSelector('#hw-webchat [data-id="webchat-sendbox-input"]');
  return waitForBot(page, 0, 20_000);
}

/** Types a message into Web Chat's send box and returns what the bot answered. */
export async function say(page: Page, text: string): Promise<string[]> {
  const before = (await botTexts(page)).length;
  const input = page.locator('#hw-webchat [data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
  return waitForBot(page, before);
}

/** Clicks the suggested action with exactly this label and returns the bot's answer. */
export async function choose(page: Page, label: string): Promise<string[]> {
  const before = (await botTexts(page)).length;
  await page.locator('#hw-webchat .webchat__suggested-action', { hasText: label }).first().click();
  return waitForBot(page, before);
}
