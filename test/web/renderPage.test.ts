// Tests of the page template filling: escaping of texts and of the JSON page data.
import { describe, expect, it } from 'vitest';
import { loadPageSettings, pageSettingsSchema } from '../../src/web/pageSettings.js';
import { escapeHtml, jsonForScript, renderPage } from '../../src/web/renderPage.js';

describe('renderPage', () => {
  const settings = loadPageSettings();
  const template = '<html lang="{{lang}}" dir="{{dir}}"><p>{{t:a.b}}</p>{{languageOptions}}<script type="application/json">{{pageData}}</script></html>';

  it('escapes texts and keeps "</script>" out of the page data', () => {
    const html = renderPage({
      template,
      settings,
      lang: 'nl',
      strings: { 'a.b': 'Bel <b>112</b> & "{{n}}" $& $1', 'a.b_simple': '</script><script>x()</script>' },
      vars: { n: '5' },
      localesPath: '/web/locales/',
    });
    expect(html).toContain('<p>Bel &lt;b&gt;112&lt;/b&gt; &amp; &quot;5&quot; $&amp; $1</p>');
    expect(html).not.toContain('</script><script>');
    expect(html).toContain('<html lang="nl" dir="ltr">');
    expect(html).toMatch(/value="nl" checked/);
    expect(html).not.toMatch(/value="en" checked/);
  });

  it('refuses a language that is not configured', () => {
    expect(() => renderPage({ template, settings, lang: 'fr', strings: {}, vars: {}, localesPath: '/' })).toThrow('fr');
  });
});

describe('escaping helpers', () => {
  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('jsonForScript round-trips and contains no "<"', () => {
    const value = { s: '</script><!-- \u2028' };
    const json = jsonForScript(value);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('pageSettingsSchema', () => {
  const valid = loadPageSettings();
  it.each([
    [{ ...valid, quickExitUrl: 'javascript:alert(1)' }, 'quickExitUrl'],
    [{ ...valid, escPresses: 1 }, 'escPresses'],
    [{ ...valid, defaultLanguage: 'en', languages: valid.languages.filter((l) => l.code === 'nl') }, 'defaultLanguage'],
    [{ ...valid, extra: true }, 'extra'],
  ])('rejects a bad settings file (%#)', (input, field) => {
    const result = pageSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(field);
  });
});
