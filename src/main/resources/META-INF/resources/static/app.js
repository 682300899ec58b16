// The Big Ocean web client: assessment chat with streamed replies, results with evidence, account and sharing.
import { api, ApiError, newKey, sendMessage } from './api.js';

const TRAITS = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'];
const TARGET = 70;
const STORAGE_KEY = 'bigocean.sessionId';

const $ = (id) => document.getElementById(id);
const state = { sessionId: null, messages: [], user: null, pending: null, profile: null, complete: false };

export const label = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

function status(text, isError = false) {
  const box = isError ? $('alert') : $('status');
  (isError ? $('status') : $('alert')).textContent = '';
  box.textContent = text;
}

function show(view) {
  for (const id of ['intro', 'chat', 'results']) {
    $(id).hidden = id !== view;
  }
}

// ---- session id: URL hash first (shareable between tabs), then localStorage ---------------------------------------

function sessionFromUrl() {
  const match = /(?:^|[#&?])session=([0-9a-f-]{36})/i.exec(location.hash);
  return match ? match[1] : null;
}

function remember(id) {
  state.sessionId = id;
  localStorage.setItem(STORAGE_KEY, id);
  if (sessionFromUrl() !== id) {
    history.replaceState(null, '', `#session=${id}`);
  }
}

function forget() {
  state.sessionId = null;
  localStorage.removeItem(STORAGE_KEY);
  history.replaceState(null, '', location.pathname);
}

// ---- chat ------------------------------------------------------------------------------------------------------------

function bubble(role, text) {
  const item = document.createElement('li');
  item.className = `msg ${role}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'user' ? 'You' : 'Nerin';
  const body = document.createElement('p');
  body.textContent = text;
  item.append(who, body);
  $('log').append(item);
  item.scrollIntoView({ block: 'end' });
  return body;
}

function renderLog() {
  $('log').replaceChildren();
  for (const m of state.messages) {
    bubble(m.role, m.content);
  }
}

function renderProgress(confidence) {
  const values = TRAITS.map((t) => Number((confidence && confidence[t]) || 0));
  const overall = Math.round((values.reduce((a, b) => a + b, 0) / TRAITS.length) * 100);
  $('overall').value = overall;
  $('overall-text').textContent = `${overall}% of the ${TARGET}% needed`;
  const list = $('traits-progress');
  list.replaceChildren();
  TRAITS.forEach((t, i) => {
    const item = document.createElement('li');
    const id = `p-${t}`;
    const name = document.createElement('label');
    name.htmlFor = id;
    name.textContent = label(t);
    const meter = document.createElement('progress');
    meter.id = id;
    meter.max = 100;
    meter.value = Math.round(values[i] * 100);
    meter.textContent = `${meter.value}%`;
    const pct = document.createElement('span');
    pct.textContent = `${meter.value}%`;
    item.append(name, meter, pct);
    list.append(item);
  });
}

function setBusy(busy) {
  $('typing').hidden = !busy;
  $('send').disabled = busy;
  $('message').setAttribute('aria-disabled', String(busy));
}

async function send(text, key) {
  state.pending = { text, key };
  $('retry').hidden = true;
  status('');
  if (!state.pendingShown) {
    bubble('user', text);
    state.pendingShown = true;
  }
  setBusy(true);
  let reply = null;
  try {
    const done = await sendMessage(state.sessionId, text, key, (delta) => {
      if (!reply) {
        reply = bubble('assistant', '');
        reply.parentElement.setAttribute('aria-busy', 'true');
        $('typing').hidden = true;
      }
      reply.textContent += delta;
    });
    if (!reply) {
      reply = bubble('assistant', '');
    }
    reply.textContent = done.response;
    reply.parentElement.removeAttribute('aria-busy');
    state.messages.push({ id: done.userMessageId, role: 'user', content: text },
        { id: done.assistantMessageId, role: 'assistant', content: done.response });
    state.pending = null;
    state.pendingShown = false;
    renderProgress(done.confidence);
    status('Nerin replied.');
    if (done.assessmentComplete) {
      finishChat();
    } else {
      $('message').value = '';
      $('message').focus();
    }
  } catch (error) {
    if (reply) {
      reply.parentElement.remove();
    }
    if (error instanceof ApiError && error.tag === 'SessionCompleted') {
      state.pending = null;
      state.pendingShown = false;
      finishChat();
      return;
    }
    const why = error instanceof ApiError ? error.message : 'The connection failed.';
    status(`${why} Your message is kept: choose Retry to send it again.`, true);
    $('retry').hidden = false;
    $('retry').focus();
  } finally {
    setBusy(false);
  }
}

function finishChat() {
  state.complete = true;
  $('composer').hidden = true;
  $('see-results').hidden = false;
  $('see-results').focus();
  status('The assessment is complete. Your results are ready.');
}

async function startAssessment() {
  try {
    const started = await api.start();
    remember(started.sessionId);
    await resume(started.sessionId);
  } catch (error) {
    status(error.message, true);
  }
}

async function resume(id) {
  const data = await api.resume(id);
  remember(id);
  state.messages = data.messages;
  state.complete = data.assessmentComplete;
  show('chat');
  renderLog();
  renderProgress(data.confidence);
  $('composer').hidden = data.assessmentComplete;
  $('see-results').hidden = !data.assessmentComplete;
  if (data.assessmentComplete) {
    $('see-results').focus();
  } else {
    $('message').focus();
  }
}

// ---- results ---------------------------------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function traitChart(traits, color) {
  const rowH = 34;
  const chart = svg('svg', { viewBox: `0 0 360 ${traits.length * rowH + 10}`, role: 'img', 'aria-labelledby': 'trait-chart-title' });
  chart.append(svg('title', { id: 'trait-chart-title' },
      `Trait scores out of 120: ${traits.map((t) => `${label(t.name)} ${t.score}`).join(', ')}`));
  traits.forEach((t, i) => {
    const y = i * rowH + 6;
    chart.append(svg('text', { x: 0, y: y + 16, class: 'chart-label' }, label(t.name)));
    chart.append(svg('rect', { x: 140, y, width: 180, height: 20, rx: 4, class: 'chart-track' }));
    chart.append(svg('rect', { x: 140, y, width: (180 * t.score) / 120, height: 20, rx: 4, fill: color, class: 'chart-bar' }));
    chart.append(svg('text', { x: 326, y: y + 16, class: 'chart-value' }, `${Math.round(t.score)}`));
  });
  return chart;
}

async function showResults() {
  const id = state.sessionId;
  let results;
  try {
    results = await api.results(id);
  } catch (error) {
    status(error.message, true);
    return;
  }
  if (!state.messages.length) {
    state.messages = (await api.resume(id)).messages;
  }
  show('results');
  $('code').textContent = results.oceanCode5;
  $('archetype').textContent = results.archetypeName;
  $('archetype-description').textContent = results.archetypeDescription;
  $('swatch').style.background = results.archetypeColor;
  $('overall-result').textContent = `${results.overallConfidence}%`;
  $('trait-chart').replaceChildren(traitChart(results.traits, results.archetypeColor));
  const groups = $('facets');
  groups.replaceChildren();
  for (const trait of results.traits) {
    const group = document.createElement('li');
    const heading = document.createElement('h4');
    heading.textContent = `${label(trait.name)} (${trait.level})`;
    const list = document.createElement('ul');
    list.className = 'facet-list';
    for (const facet of results.facets.filter((f) => f.traitName === trait.name)) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'facet';
      button.dataset.facet = facet.name;
      button.setAttribute('aria-controls', 'evidence');
      const name = document.createElement('span');
      name.textContent = label(facet.name);
      const bar = document.createElement('span');
      bar.className = 'facet-bar';
      bar.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('span');
      fill.style.width = `${(facet.score / 20) * 100}%`;
      fill.style.background = results.archetypeColor;
      bar.append(fill);
      const value = document.createElement('span');
      value.className = 'facet-value';
      value.textContent = `${facet.score} / 20`;
      button.append(name, bar, value);
      button.addEventListener('click', () => showEvidence(facet.name, button));
      item.append(button);
      list.append(item);
    }
    group.append(heading, list);
    groups.append(group);
  }
  $('results-heading').focus();
  renderShare();
}

/** Marks the [start, end) ranges (UTF-16 indices, as JavaScript strings count) of a message's text. */
export function highlighted(text, ranges) {
  const fragment = document.createDocumentFragment();
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) {
      continue;
    }
    fragment.append(text.slice(at, start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

async function showEvidence(facetName, button) {
  for (const b of document.querySelectorAll('.facet[aria-pressed]')) {
    b.removeAttribute('aria-pressed');
  }
  button.setAttribute('aria-pressed', 'true');
  const panel = $('evidence');
  $('evidence-heading').textContent = `What you said about ${label(facetName).toLowerCase()}`;
  const list = $('evidence-list');
  list.replaceChildren();
  let items;
  try {
    items = await api.evidence(state.sessionId, facetName);
  } catch (error) {
    status(error.message, true);
    return;
  }
  panel.hidden = false;
  if (!items.length) {
    const none = document.createElement('li');
    none.textContent = 'Nothing you said spoke to this facet yet.';
    list.append(none);
  }
  const byMessage = new Map();
  for (const item of items) {
    if (!byMessage.has(item.assessmentMessageId)) {
      byMessage.set(item.assessmentMessageId, []);
    }
    byMessage.get(item.assessmentMessageId).push(item);
  }
  for (const [messageId, quotes] of byMessage) {
    const message = state.messages.find((m) => m.id === messageId);
    const entry = document.createElement('li');
    const quote = document.createElement('blockquote');
    if (message) {
      quote.append(highlighted(message.content, quotes.map((q) => q.highlightRange)));
    } else {
      quote.textContent = quotes.map((q) => q.quote).join(' … ');
    }
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = quotes.map((q) => `score ${q.score} / 20, confidence ${q.confidence}%`).join('; ');
    entry.append(quote, meta);
    list.append(entry);
  }
  $('evidence-heading').focus();
}

// ---- account and sharing --------------------------------------------------------------------------------------------

function renderAccount() {
  const signedIn = Boolean(state.user);
  $('account-name').textContent = signedIn ? `Signed in as ${state.user.name || state.user.email}` : '';
  $('open-sign-in').hidden = signedIn;
  $('open-sign-up').hidden = signedIn;
  $('sign-out').hidden = !signedIn;
  renderShare();
}

function renderShare() {
  const p = state.profile;
  $('share-result').hidden = !p;
  if (p) {
    $('share-url').value = p.shareableUrl;
    $('share-link').href = new URL(p.shareableUrl).pathname;
    $('visibility').checked = p.isPublic;
    $('visibility-state').textContent = p.isPublic ? 'Anyone with the link can see it.' : 'Only you can see it.';
  }
  $('visibility').disabled = !state.user;
  $('visibility-hint').hidden = Boolean(state.user);
}

function openAuth(mode) {
  $('auth-mode').value = mode;
  $('auth-title').textContent = mode === 'sign-up' ? 'Create an account' : 'Sign in';
  $('auth-submit').textContent = mode === 'sign-up' ? 'Create account' : 'Sign in';
  $('name-row').hidden = mode !== 'sign-up';
  $('name').required = mode === 'sign-up';
  $('password').autocomplete = mode === 'sign-up' ? 'new-password' : 'current-password';
  $('auth-error').textContent = '';
  $('auth-dialog').showModal();
  $(mode === 'sign-up' ? 'name' : 'email').focus();
}

async function submitAuth(event) {
  event.preventDefault();
  const mode = $('auth-mode').value;
  const body = { email: $('email').value.trim(), password: $('password').value };
  if (mode === 'sign-up') {
    body.name = $('name').value.trim();
  }
  if (state.sessionId) {
    body.anonymousSessionId = state.sessionId;
  }
  try {
    const result = mode === 'sign-up' ? await api.signUp(body) : await api.signIn(body);
    state.user = result.user;
    $('password').value = '';
    $('auth-dialog').close();
    renderAccount();
    status(mode === 'sign-up' ? 'Account created; you are signed in.' : 'You are signed in.');
    $('sign-out').focus();
  } catch (error) {
    $('auth-error').textContent = error.message;
    $('password').focus();
  }
}

async function share() {
  try {
    state.profile = await api.share(state.sessionId);
    renderShare();
    let copied = false;
    try {
      await navigator.clipboard.writeText(state.profile.shareableUrl);
      copied = true;
    } catch (e) {
      $('share-url').select();
    }
    status(copied ? 'Link copied to the clipboard.' : 'Your link is ready: copy it from the box.');
    $('share-url').focus();
  } catch (error) {
    status(error.message, true);
  }
}

async function toggleVisibility() {
  const wanted = $('visibility').checked;
  try {
    const changed = await api.visibility(state.profile.publicProfileId, wanted);
    state.profile.isPublic = changed.isPublic;
    renderShare();
    status(changed.isPublic ? 'Your profile is public.' : 'Your profile is private.');
  } catch (error) {
    $('visibility').checked = !wanted;
    status(error.tag === 'Unauthorized' ? 'Sign in to change who can see your profile.' : error.message, true);
  }
}

// ---- wiring ----------------------------------------------------------------------------------------------------------

function wire() {
  $('start').addEventListener('click', startAssessment);
  $('new-assessment').addEventListener('click', () => {
    forget();
    state.profile = null;
    startAssessment();
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (!text || $('send').disabled) {
      return;
    }
    send(text, newKey());
  });
  $('message').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('retry').addEventListener('click', () => {
    if (state.pending) {
      send(state.pending.text, state.pending.key);
    }
  });
  $('see-results').addEventListener('click', showResults);
  $('back-to-chat').addEventListener('click', () => resume(state.sessionId));
  $('open-sign-in').addEventListener('click', () => openAuth('sign-in'));
  $('open-sign-up').addEventListener('click', () => openAuth('sign-up'));
  $('auth-cancel').addEventListener('click', () => $('auth-dialog').close());
  $('auth-form').addEventListener('submit', submitAuth);
  $('sign-out').addEventListener('click', async () => {
    await api.signOut();
    state.user = null;
    renderAccount();
    status('You are signed out.');
    $('open-sign-in').focus();
  });
  $('share').addEventListener('click', share);
  $('copy').addEventListener('click', async () => {
    $('share-url').select();
    try {
      await navigator.clipboard.writeText($('share-url').value);
      status('Link copied to the clipboard.');
    } catch (e) {
      status('Press Ctrl+C (or Cmd+C) to copy the selected link.');
    }
  });
  $('visibility').addEventListener('change', toggleVisibility);
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY && event.newValue && !state.sessionId) {
      resume(event.newValue).catch(() => {});
    }
  });
}

async function init() {
  wire();
  try {
    const session = await api.session();
    state.user = session ? session.user : null;
  } catch (e) {
    state.user = null;
  }
  renderAccount();
  const id = sessionFromUrl() || localStorage.getItem(STORAGE_KEY);
  if (id) {
    try {
      await resume(id);
      if (/results/.test(location.hash) && state.complete) {
        await showResults();
      }
      return;
    } catch (error) {
      forget();
      if (error instanceof ApiError && error.status === 410) {
        status('That assessment expired. Start a new one whenever you like.', true);
      }
    }
  }
  show('intro');
}

init();
