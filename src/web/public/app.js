// The chat page's script: quick exit, language and simple-mode switches, and Web Chat over our own Direct Line facade once the user starts.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('hw-page-data').textContent);
  // Everything lives in memory only: no cookies, no localStorage, no sessionStorage.
  var state = {
    lang: data.lang,
    simple: false,
    strings: data.strings,
    directLine: null,
    store: null,
    started: false,
  };

  var els = {
    exit: document.getElementById('hw-exit'),
    settings: document.getElementById('hw-settings'),
    simple: document.getElementById('hw-simple'),
    start: document.getElementById('hw-start'),
    status: document.getElementById('hw-status'),
    intro: document.getElementById('hw-intro'),
    chat: document.getElementById('hw-chat'),
    webchat: document.getElementById('hw-webchat'),
  };

  // ---- Quick exit: replace this page (so Back does not return) with a neutral site. ----
  function quickExit() {
    // Hide the page first, so nothing stays readable while the next site loads.
    document.documentElement.style.visibility = 'hidden';
    document.title = '';
    try {
      if (state.directLine) state.directLine.end();
    } catch (ignored) {
      // Leaving matters more than closing the connection cleanly.
    }
    window.location.replace(data.quickExitUrl);
  }

  var escTimes = [];
  function onKeyDown(event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    var now = Date.now();
    escTimes = escTimes.filter(function (t) {
      return now - t <= data.escWindowMs;
    });
    escTimes.push(now);
    if (escTimes.length >= data.escPresses) quickExit();
  }
  // Capture phase: Web Chat's send box must not be able to swallow the Esc presses.
  window.addEventListener('keydown', onKeyDown, true);
  els.exit.addEventListener('click', quickExit);

  // ---- Texts ----
  function language(code) {
    for (var i = 0; i < data.languages.length; i++) if (data.languages[i].code === code) return data.languages[i];
    return data.languages[0];
  }

  function t(key) {
    var strings = state.strings[state.lang] || {};
    var text = (state.simple && strings[key + '_simple']) || strings[key] || '';
    return text.replace(/\{\{(\w+)\}\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(data.vars, name) ? data.vars[name] : whole;
    });
  }

  function applyTexts() {
    var lang = language(state.lang);
    document.documentElement.lang = lang.code;
    document.documentElement.dir = lang.dir;
    document.title = t('page.title');
    document.querySelectorAll('[data-i18n]').forEach(function (el) {
      el.textContent = t(el.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(function (el) {
      el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label')));
    });
    document.body.classList.toggle('hw-simple', state.simple);
  }

  function loadStrings(code) {
    if (state.strings[code]) return Promise.resolve();
    return fetch(data.localesPath + code + '.json', { credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('locale ' + res.status);
        return res.json();
      })
      .then(function (strings) {
        state.strings[code] = strings;
      });
  }

  // ---- Web Chat ----
  function isStaff(activity) {
    var hw = activity && activity.channelData && activity.channelData.hulpwijzer;
    return !!(hw && hw.sender === 'staff');
  }

  // Web Chat's bundle does not expose React; a wrapper element is built with the same
  // element type marker as the element Web Chat itself rendered, which React accepts.
  function element(like, type, props, children) {
    var own = Object.assign({}, props, { children: children });
    var key = own.key || null;
    delete own.key;
    return { $$typeof: like.$$typeof, type: type, key: key, ref: null, props: own, _owner: null, _store: {} };
  }

  // Staff messages get a visible "medewerker" label and their own bubble style; Web Chat would otherwise show them as the bot.
  function activityMiddleware() {
    return function (next) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        var render = next.apply(null, args);
        var activity = args[0] && args[0].activity;
        if (!render || !isStaff(activity)) return render;
        return function () {
          var inner = render.apply(null, arguments);
          if (!inner || !inner.$$typeof) return inner;
          var label = element(inner, 'p', { key: 'label', className: 'hw-staff__label' }, [
            element(inner, 'span', { key: 'name', className: 'hw-staff__name' }, t('chat.staff')),
            element(inner, 'span', { key: 'note', className: 'hw-visually-hidden' }, ' ' + t('chat.staffNote')),
          ]);
          var body = Object.assign({}, inner, { key: 'activity' });
          return element(inner, 'div', { className: 'hw-staff', 'data-hw-sender': 'staff' }, [label, body]);
        };
      };
    };
  }

  // ---- Message text: the minimal Web Chat bundle has no Markdown renderer, and the bot's texts use
  // paragraphs, "- " lists, **bold** and plain URLs. Everything is escaped first; Web Chat sanitises the result again.
  var HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return HTML_ESCAPES[c];
    });
  }

  function inline(text) {
    return escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)]/g, function (url) {
        return '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + url + '</a>';
      });
  }

  function renderText(text) {
    var out = [];
    var paragraph = [];
    var list = [];
    function flushParagraph() {
      if (paragraph.length) out.push('<p>' + paragraph.join('<br>') + '</p>');
      paragraph = [];
    }
    function flushList() {
      if (list.length) out.push('<ul>' + list.map(function (item) { return '<li>' + item + '</li>'; }).join('') + '</ul>');
      list = [];
    }
    String(text || '').split(/\r?\n/).forEach(function (line) {
      if (!line.trim()) return flushParagraph();
      var item = /^\s*[-*\u2022]\s+(.*)$/.exec(line);
      if (item) {
        flushParagraph();
        list.push(inline(item[1]));
      } else {
        flushList();
        paragraph.push(inline(line));
      }
    });
    flushParagraph();
    flushList();
    return out.join('');
  }

  function settingsPayload() {
    return { lang: state.lang, simple: state.simple };
  }

  // Every activity the page sends carries the current language and mode for the bot's i18n middleware.
  function storeMiddleware(store) {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          var activity = action.payload.activity;
          action = Object.assign({}, action, {
            payload: Object.assign({}, action.payload, {
              activity: Object.assign({}, activity, { channelData: Object.assign({}, activity.channelData, settingsPayload()) }),
            }),
          });
        }
        var result = next(action);
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          // Tells the bot the language and mode before its welcome, and that the user is here.
          store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: settingsPayload() } });
        }
        return result;
      };
    };
  }

  function styleOptions() {
    var base = {
      hideUploadButton: true,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      rootHeight: '100%',
      backgroundColor: '#ffffff',
      accent: '#1d4e89',
      subtle: '#545454',
      timestampColor: '#545454',
      bubbleBackground: '#eef2f7',
      bubbleBorderColor: '#c9d3e0',
      bubbleBorderRadius: 12,
      bubbleTextColor: '#1b1b1b',
      bubbleFromUserBackground: '#1d4e89',
      bubbleFromUserBorderColor: '#1d4e89',
      bubbleFromUserBorderRadius: 12,
      bubbleFromUserTextColor: '#ffffff',
      suggestedActionLayout: 'flow',
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: '#1d4e89',
      suggestedActionBorderWidth: 2,
      suggestedActionBorderRadius: 20,
      suggestedActionTextColor: '#1d4e89',
      suggestedActionHeight: 44,
      sendBoxHeight: 52,
      sendBoxButtonColor: '#1d4e89',
      sendBoxTextColor: '#1b1b1b',
      sendBoxPlaceholderColor: '#545454',
      paddingRegular: 10,
    };
    if (!state.simple) return base;
    return Object.assign(base, {
      accent: '#5a2d82',
      bubbleBackground: '#fff6d9',
      bubbleBorderColor: '#e8c65a',
      bubbleBorderRadius: 18,
      bubbleFromUserBackground: '#5a2d82',
      bubbleFromUserBorderColor: '#5a2d82',
      bubbleFromUserBorderRadius: 18,
      suggestedActionLayout: 'stacked',
      suggestedActionBorderColor: '#5a2d82',
      suggestedActionTextColor: '#5a2d82',
      suggestedActionBorderWidth: 3,
      suggestedActionBorderRadius: 26,
      suggestedActionHeight: 56,
      sendBoxHeight: 60,
      sendBoxButtonColor: '#5a2d82',
      paddingRegular: 14,
    });
  }

  function renderWebChat() {
    window.WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        locale: language(state.lang).webChatLocale,
        styleOptions: styleOptions(),
        activityMiddleware: activityMiddleware,
        renderMarkdown: renderText,
        // Our own wording (informal "je", simple form) instead of Web Chat's built-in placeholder.
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: t('chat.placeholder') },
      },
      els.webchat,
    );
  }

  function focusSendBox() {
    var input = els.webchat.querySelector('input[type="text"], textarea');
    if (input) input.focus();
  }

  function start() {
    if (state.started) return;
    state.started = true;
    els.start.disabled = true;
    els.status.textContent = t('intro.starting');
    fetch(data.directLinePath + '/tokens/generate', { method: 'POST', credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('token ' + res.status);
        return res.json();
      })
      .then(function (body) {
        state.directLine = window.WebChat.createDirectLine({
          token: body.token,
          domain: window.location.origin + data.directLinePath,
          webSocket: true,
          // The bot's welcome comes in the language chosen before starting.
          conversationStartProperties: { locale: language(state.lang).webChatLocale },
        });
        state.store = window.WebChat.createStore({}, storeMiddleware);
        els.intro.hidden = true;
        els.chat.hidden = false;
        els.status.textContent = '';
        renderWebChat();
        window.setTimeout(focusSendBox, 0);
      })
      .catch(function () {
        state.started = false;
        els.start.disabled = false;
        els.status.textContent = t('intro.failed');
      });
  }

  // A change of language or mode: the page's own texts at once, Web Chat's look, and a settings event so the bot follows.
  function onSettingsChanged() {
    applyTexts();
    if (!state.directLine) return;
    renderWebChat();
    state.store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'hulpwijzer/settings', value: settingsPayload() } });
  }

  els.settings.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  els.settings.addEventListener('change', function (event) {
    var target = event.target;
    if (target === els.simple) {
      state.simple = els.simple.checked;
      onSettingsChanged();
    } else if (target.name === 'lang' && target.checked) {
      var code = target.value;
      loadStrings(code)
        .then(function () {
          state.lang = code;
          onSettingsChanged();
        })
        .catch(function () {
          els.status.textContent = t('intro.failed');
        });
    }
  });

  els.start.addEventListener('click', start);
  // The browser may restore form controls on reload; the page always starts in the default state.
  els.settings.reset();
  applyTexts();
  els.start.disabled = !window.WebChat;
})();
