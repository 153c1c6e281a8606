// Staff console logic: sign-in, live queue over /staff/ws, transcript, takeover actions, keep for an open case, messages, notes, presence, audit.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const labels = {};
  for (const el of $('labels').content.querySelectorAll('[data-key]')) labels[el.dataset.key] = el.textContent;
  const label = (key, vars) => (labels[key] || key).replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? String(vars[k]) : ''));

  const state = { name: null, csrf: null, queue: [], selected: null, watermark: 0, socket: null, heartbeat: null };

  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      super((body && body.error && body.error.message) || 'HTTP ' + status);
      this.status = status;
      this.code = body && body.error && body.error.code;
      this.retryAfter = retryAfter;
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
    const res = await fetch('/staff/api' + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      if (res.status === 401 && path !== '/login') signedOut(label('sessionEnded'));
      throw new ApiError(res.status, data, res.headers.get('Retry-After'));
    }
    return data;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text; // user text only ever goes in as text, never as HTML
    return node;
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  // ---- sign-in ----
  function signedIn(session) {
    state.name = session.name;
    state.csrf = session.csrfToken;
    $('login').hidden = true;
    $('console').hidden = false;
    $('me').hidden = false;
    $('me-name').textContent = session.name;
    if (session.presence) $('presence').value = session.presence;
    showAvailability(session.staffAvailable);
    startHeartbeat();
    connect();
  }

  function signedOut(message) {
    state.name = null;
    state.csrf = null;
    state.selected = null;
    if (state.socket) state.socket.close();
    state.socket = null;
    clearInterval(state.heartbeat);
    $('console').hidden = true;
    $('audit').hidden = true;
    $('me').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const result = await api('POST', '/login', { name: $('login-name').value, password: $('login-password').value });
      $('login-password').value = '';
      state.csrf = result.csrfToken;
      signedIn(await api('GET', '/session'));
    } catch (error) {
      $('login-error').textContent = error.status === 429 ? label('throttled', { s: error.retryAfter || '?' }) : label('loginFailed');
    }
  });

  $('logout').addEventListener('click', async () => {
    try {
      await api('POST', '/logout');
    } finally {
      signedOut('');
    }
  });

  // ---- presence ----
  function showAvailability(available) {
    const pill = $('availability');
    pill.textContent = label(available ? 'available' : 'unavailable');
    pill.classList.toggle('ok', !!available);
  }

  async function sendPresence() {
    const result = await api('PUT', '/presence', { status: $('presence').value });
    showAvailability(result.staffAvailable);
  }

  $('presence').addEventListener('change', () => sendPresence().catch(showError));

  // Presence only counts while refreshed: the server forgets a closed console after a few minutes and hands its chats back.
  function startHeartbeat() {
    clearInterval(state.heartbeat);
    state.heartbeat = setInterval(() => {
      if ($('presence').value !== 'offline') sendPresence().catch(() => undefined);
    }, 60000);
  }

  // ---- live channel ----
  function connect() {
    if (!state.name) return;
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/staff/ws');
    state.socket = socket;
    socket.addEventListener('open', () => {
      if (state.selected) socket.send(JSON.stringify({ type: 'watch', conversationId: state.selected, after: state.watermark }));
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'queue') renderQueue(message.conversations);
      if (message.type === 'activities' && message.conversationId === state.selected) appendTranscript(message.activities, message.watermark);
    });
    socket.addEventListener('close', (event) => {
      if (state.socket !== socket) return;
      if (event.code === 4401) return signedOut(label('sessionEnded'));
      setTimeout(connect, 2000);
    });
  }

  // ---- queue ----
  function renderQueue(conversations) {
    state.queue = conversations;
    const list = $('queue');
    list.replaceChildren();
    $('queue-count').textContent = '(' + conversations.length + ')';
    $('queue-empty').hidden = conversations.length > 0;
    for (const c of conversations) {
      const item = el('li', 'queue-item' + (c.urgent ? ' is-urgent' : '') + (c.id === state.selected ? ' is-selected' : ''));
      const button = el('button', 'queue-button');
      button.type = 'button';
      button.dataset.id = c.id;
      const top = el('div', 'queue-top');
      if (c.urgent) top.append(el('span', 'pill urgent', 'URGENT'));
      top.append(el('span', 'pill mode-' + c.mode, label('mode.' + c.mode)));
      if (c.waitingSince) top.append(el('span', 'muted', label('waiting', { m: Math.max(0, Math.floor((Date.now() - Date.parse(c.waitingSince)) / 60000)) })));
      if (c.assignedTo) top.append(el('span', 'muted', label('holder', { name: c.assignedTo })));
      if (c.keep) top.append(el('span', 'pill kept', label('kept')));
      button.append(top, el('code', 'small', c.id.slice(0, 12)));
      if (c.signals.length) button.append(el('div', 'signals small', c.signals.join(', ')));
      button.addEventListener('click', () => select(c.id));
      item.append(button);
      list.append(item);
    }
    if (state.selected) renderDetail();
  }

  // ---- one conversation ----
  function current() {
    return state.queue.find((c) => c.id === state.selected) || null;
  }

  async function select(id) {
    state.selected = id;
    state.watermark = 0;
    $('transcript').replaceChildren();
    $('detail-error').textContent = '';
    renderQueue(state.queue);
    if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify({ type: 'watch', conversationId: id, after: 0 }));
    else {
      const result = await api('GET', '/conversations/' + encodeURIComponent(id) + '/activities');
      appendTranscript(result.activities, result.watermark);
    }
    loadNotes().catch(showError);
  }

  function renderDetail() {
    const c = current();
    $('detail-empty').hidden = !!c;
    $('detail').hidden = !c;
    if (!c) return;
    $('detail-id').textContent = c.id.slice(0, 12);
    $('detail-mode').textContent = label('mode.' + c.mode);
    $('detail-mode').className = 'pill mode-' + c.mode;
    $('detail-urgent').hidden = !c.urgent;
    const mine = c.assignedTo === state.name;
    $('act-watch').hidden = c.mode !== 'bot';
    $('act-unwatch').hidden = !(c.mode === 'monitor' && mine);
    $('act-claim').hidden = !(c.mode === 'queued' || c.mode === 'monitor');
    $('act-release').hidden = !(c.mode === 'agent' && mine);
    $('act-close').hidden = c.mode === 'agent' && !mine;
    $('message-text').disabled = !(c.mode === 'agent' && mine);
    $('message-send').disabled = $('message-text').disabled;
    renderKeep(c, mine);
    renderAssessment(c);
  }

  // Same rule as the server: while someone holds or watches it only they may change it; otherwise anyone.
  function renderKeep(c, mine) {
    const heldByOther = (c.mode === 'agent' || c.mode === 'monitor') && c.assignedTo && !mine;
    $('detail-kept').hidden = !c.keep;
    $('act-keep').hidden = !!heldByOther;
    $('act-keep').textContent = label(c.keep ? 'keep.off' : 'keep.on');
    $('keep-state').textContent = c.keep ? label('keep.stateOn') : heldByOther ? label('keep.stateOffHeld', { name: c.assignedTo }) : label('keep.stateOff');
  }

  function renderAssessment(c) {
    const dl = $('assessment');
    dl.replaceChildren();
    const add = (key, value) => {
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return;
      dl.append(el('dt', '', label('assessment.' + key)), el('dd', '', Array.isArray(value) ? value.join(', ') : String(value)));
    };
    const s = c.summary || {};
    const a = s.assessment || null;
    add('signals', c.signals);
    add('role', s.role);
    add('lang', s.lang);
    if (s.simple !== undefined) add('simple', label(s.simple ? 'yes' : 'no'));
    if (a) {
      add('group', a.group !== null ? a.group : a.groupRange && a.groupRange.join('–'));
      add('partnerViolence', a.partnerViolence);
      add('childAbuse', a.childAbuse);
      add('redFlags', a.redFlags);
      add('profiles', a.profiles);
    } else {
      dl.append(el('dd', 'muted', label('assessment.none')));
    }
  }

  function appendTranscript(entries, watermark) {
    const list = $('transcript');
    for (const entry of entries) {
      if (entry.kind === 'event') {
        list.append(el('li', 'entry event', time(entry.at) + ' · ' + label('event', { event: entry.event, state: entry.state || '' })));
        continue;
      }
      const item = el('li', 'entry from-' + entry.sender);
      const who = entry.sender === 'staff' && entry.name ? entry.name : label('sender.' + entry.sender);
      item.append(el('div', 'meta', who + ' · ' + time(entry.at)), el('div', 'text', entry.text));
      list.append(item);
    }
    if (typeof watermark === 'number') state.watermark = watermark;
    list.scrollTop = list.scrollHeight;
  }

  async function loadNotes() {
    const result = await api('GET', '/conversations/' + encodeURIComponent(state.selected));
    const list = $('notes');
    list.replaceChildren();
    for (const note of result.notes) list.append(el('li', '', note.staffName + ' · ' + time(new Date(note.at).toISOString()) + ': ' + note.text));
  }

  function showError(error) {
    $('detail-error').textContent = error && error.message ? error.message : String(error);
  }

  function action(name) {
    return async () => {
      $('detail-error').textContent = '';
      try {
        await api('POST', '/conversations/' + encodeURIComponent(state.selected) + '/' + name);
        // Taking or watching a conversation marks us present on the server; show what it set.
        if (name === 'claim' || name === 'watch') {
          const session = await api('GET', '/session');
          $('presence').value = session.presence;
          showAvailability(session.staffAvailable);
        }
      } catch (error) {
        showError(error);
      }
    };
  }
  for (const name of ['watch', 'unwatch', 'claim', 'release', 'close']) $('act-' + name).addEventListener('click', action(name));

  $('act-keep').addEventListener('click', async () => {
    const c = current();
    if (!c) return;
    $('detail-error').textContent = '';
    const button = $('act-keep');
    button.disabled = true;
    try {
      const updated = await api('POST', '/conversations/' + encodeURIComponent(c.id) + '/keep', { keep: !c.keep });
      // Show the answer at once; the queue push over the socket follows.
      renderQueue(state.queue.map((q) => (q.id === updated.id ? updated : q)));
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  });

  $('message-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('message-text').value.trim();
    if (!text) return;
    try {
      await api('POST', '/conversations/' + encodeURIComponent(state.selected) + '/messages', { text });
      $('message-text').value = '';
    } catch (error) {
      showError(error);
    }
  });

  $('message-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('message-form').requestSubmit();
    }
  });

  $('note-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('note-text').value.trim();
    if (!text) return;
    try {
      await api('POST', '/conversations/' + encodeURIComponent(state.selected) + '/notes', { text });
      $('note-text').value = '';
      await loadNotes();
    } catch (error) {
      showError(error);
    }
  });

  // ---- audit ----
  $('show-audit').addEventListener('click', async () => {
    const section = $('audit');
    section.hidden = !section.hidden;
    if (section.hidden) return;
    const rows = $('audit-rows');
    rows.replaceChildren();
    for (const entry of await api('GET', '/audit?limit=200')) {
      const tr = el('tr');
      tr.append(el('td', '', new Date(entry.at).toLocaleString('nl-NL')), el('td', '', entry.actor), el('td', '', entry.action), el('td', '', entry.conversationId ? entry.conversationId.slice(0, 12) : ''));
      rows.append(tr);
    }
  });

  // ---- start: resume a live session, else show the sign-in form ----
  api('GET', '/session').then(signedIn, () => signedOut(''));
})();
