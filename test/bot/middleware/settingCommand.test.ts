// Typed settings: language and simple mode.
import { describe, expect, it } from 'vitest';
import { parseSettingCommand } from '../../../src/bot/middleware/settingCommand.js';

describe('parseSettingCommand', () => {
  it.each([
    ['/taal en', { lang: 'en' }],
    ['/lang NL', { lang: 'nl' }],
    ['/simpel', { simple: true }],
    ['/simpel uit', { simple: false }],
    ['/simple off', { simple: false }],
    ['/makkelijk aan', { simple: true }],
  ])('%s', (text, expected) => {
    expect(parseSettingCommand(text)).toEqual(expected);
  });

  it.each(['taal en', '/taal fr', 'ik wil simpel praten', '/simpel misschien'])('"%s" is not a command', (text) => {
    expect(parseSettingCommand(text)).toBeUndefined();
  });
});
