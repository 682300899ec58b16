// The Big Ocean web client: assessment chat with streamed replies, the IPIP-NEO-120 questionnaire, results with
// evidence and the agreement between conversation and questionnaire, account and sharing.
import { api, ApiError, newKey, sendMessage } from './api.js';

const TRAITS = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'];
const TARGET = 70;
const STORAGE_KEY = 'bigocean.sessionId';
// Per session: {lang, answers: {itemId: 1..5}}. The API scores answers but never gives them back, so this browser keeps
// the ones given here to show them again when the questionnaire is reopened.
const QUESTIONNAIRE_KEY = 'bigocean.questionnaire.';
const PAGE_SIZE = 20;
const RTL = ['ar', 'fa', 'he', 'ur'];
const VERDICTS = { agree: 'Agree', differ: 'Differ', not_enough_evidence: 'Not enough evidence' };

const $ = (id) => document.getElementById(id);
const state = { sessionId: null, messages: [], user: null, pending: null, profile: null, complete: false };

export const label = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

function status(text, isError = false) {
  const box = isError ? $('alert') : $('status');
  (isError ? $('status') : $('alert')).textContent = '';
  box.textContent = text;
}

function show(view) {
  for (const id of ['intro', 'chat', 'results', 'questionnaire']) {
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
  if (state.sessionId) {
    localStorage.removeItem(QUESTIONNAIRE_KEY + state.sessionId);
  }
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
    const language = $('language').value;
    const started = await api.start(language || undefined);
    remember(started.sessionId);
    keep(started.sessionId, { lang: language, answers: {} });
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
  $('open-questionnaire').textContent = Object.keys(kept(id).answers || {}).length
    ? 'Continue the questionnaire' : 'Answer the questionnaire';
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
  renderAgreement(results);
  $('results-heading').focus();
  renderShare();
}

// ---- agreement between conversation and questionnaire ----------------------------------------------------------------

const decimal = (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(1));
const signed = (x) => {
  if (x === null || x === undefined) {
    return '—';
  }
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;
};

function agreementRow(name, compared) {
  const row = document.createElement('tr');
  row.dataset.name = name;
  row.dataset.verdict = compared.label;
  const head = document.createElement('th');
  head.scope = 'row';
  head.textContent = label(name);
  row.append(head);
  for (const text of [decimal(compared.conversation), decimal(compared.questionnaire), signed(compared.difference),
    VERDICTS[compared.label] || compared.label]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  row.lastChild.className = `verdict ${compared.label}`;
  return row;
}

/** The agreement report, shown only when the results carry one (the session has questionnaire answers). */
function renderAgreement(results) {
  const report = results.agreement;
  const q = results.questionnaire;
  $('results-questionnaire').textContent = !q ? 'Answer the questionnaire'
    : q.itemsAnswered < q.itemsTotal ? 'Continue the questionnaire' : 'Review your questionnaire answers';
  $('agreement').hidden = !report;
  if (!report) {
    return;
  }
  const summary = $('agreement-summary');
  if (report.overallAgreement === null || report.overallAgreement === undefined) {
    summary.textContent = 'No facet can be compared yet: a facet is compared once its four statements are answered '
      + 'and the conversation has said enough about it.';
  } else {
    const figure = document.createElement('strong');
    figure.id = 'overall-agreement';
    figure.textContent = `${report.overallAgreement}%`;
    summary.replaceChildren('Overall agreement ', figure,
        `: ${report.facetsAgreeing} of the ${report.facetsCompared} facets compared agree; the mean difference is `
        + `${decimal(report.meanAbsoluteDifference)} points out of 20.`);
  }
  $('agreement-answered').textContent = q ? `Questionnaire: ${q.itemsAnswered} of ${q.itemsTotal} statements answered.` : '';
  $('agreement-traits').tBodies[0].replaceChildren(...report.traits.map((t) => agreementRow(t.name, t)));
  const facets = $('agreement-facets');
  for (const body of [...facets.tBodies]) {
    body.remove();
  }
  for (const trait of report.traits) {
    const body = facets.createTBody();
    const row = document.createElement('tr');
    const head = document.createElement('th');
    head.scope = 'rowgroup';
    head.colSpan = 5;
    head.textContent = label(trait.name);
    row.append(head);
    body.append(row, ...report.facets.filter((f) => f.traitName === trait.name).map((f) => agreementRow(f.name, f)));
  }
}

// ---- questionnaire ---------------------------------------------------------------------------------------------------

const questionnaires = new Map(); // requested language → body of GET /api/questionnaire
const quiz = { data: null, page: 0, answers: {}, unsaved: new Set(), timer: null, saving: null, from: 'chat', onServer: null };

function kept(id) {
  try {
    return JSON.parse(localStorage.getItem(QUESTIONNAIRE_KEY + id)) || {};
  } catch (e) {
    return {};
  }
}

function keep(id, value) {
  try {
    localStorage.setItem(QUESTIONNAIRE_KEY + id, JSON.stringify(value));
  } catch (e) {
    // storage full or disabled: the answers are still saved on the server
  }
}

function browserLanguage() {
  return (navigator.languages && navigator.languages[0]) || navigator.language || '';
}

async function questionnaireIn(lang) {
  if (!questionnaires.has(lang)) {
    const data = await api.questionnaire(lang);
    questionnaires.set(lang, data);
    questionnaires.set(data.language, data);
  }
  return questionnaires.get(lang);
}

function fillLanguages(select, languages, selected) {
  select.replaceChildren(...languages.map((l) => {
    const option = document.createElement('option');
    option.value = l.id;
    option.textContent = l.name;
    return option;
  }));
  select.value = selected;
}

/** The start screen's language list, from the questionnaire's languages, preselecting the browser's language. */
async function initLanguages() {
  try {
    let data;
    try {
      data = await questionnaireIn(browserLanguage());
    } catch (e) {
      data = await questionnaireIn('');
    }
    fillLanguages($('language'), data.languages, data.language);
  } catch (e) {
    // the list stays "English" and the server's default applies
  }
}

async function openQuestionnaire(from) {
  quiz.from = from;
  const saved = kept(state.sessionId);
  quiz.answers = saved.answers || {};
  quiz.unsaved.clear();
  try {
    quiz.data = await questionnaireIn(saved.lang || $('language').value || browserLanguage());
  } catch (error) {
    status(error.message, true);
    return;
  }
  quiz.onServer = null;
  try {
    const results = await api.results(state.sessionId);
    quiz.onServer = results.questionnaire ? results.questionnaire.itemsAnswered : 0;
  } catch (e) {
    quiz.onServer = null;
  }
  const here = Object.keys(quiz.answers).length;
  if (quiz.onServer !== null && quiz.onServer < here) {
    // a save that never arrived (the page closed or the network failed): send what this browser kept again
    Object.keys(quiz.answers).forEach((id) => quiz.unsaved.add(id));
  }
  const note = $('questionnaire-note');
  note.hidden = !(quiz.onServer > here);
  note.textContent = note.hidden ? '' : `This session already has ${quiz.onServer} answers saved from another browser or `
    + 'device. They count in your results, but this browser cannot show them: the service gives back scores, not '
    + 'answers. Answering a statement again replaces its earlier answer.';
  fillLanguages($('questionnaire-language'), quiz.data.languages, quiz.data.language);
  const firstOpen = quiz.data.items.findIndex((item) => !quiz.answers[item.id]);
  quiz.page = firstOpen < 0 ? 0 : Math.floor(firstOpen / PAGE_SIZE);
  show('questionnaire');
  renderQuestionnaire();
  status('');
  $('questionnaire-heading').focus();
  if (quiz.unsaved.size) {
    saveAnswers();
  }
}

function renderQuestionnaire() {
  const { items, choices } = quiz.data;
  const from = quiz.page * PAGE_SIZE;
  const shown = items.slice(from, from + PAGE_SIZE);
  $('questionnaire-page').textContent = `Statements ${from + 1} to ${from + shown.length} of ${items.length}`;
  const box = $('questionnaire-items');
  box.lang = quiz.data.language;
  box.dir = RTL.includes(quiz.data.language.split('-')[0]) ? 'rtl' : 'ltr';
  box.replaceChildren(...shown.map((item) => {
    const set = document.createElement('fieldset');
    set.className = 'q-item';
    set.dataset.item = item.id;
    const legend = document.createElement('legend');
    legend.textContent = `${item.num}. ${item.text}`;
    const options = document.createElement('div');
    options.className = 'choices';
    for (const choice of choices) {
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = `q-${item.id}`;
      input.id = `q-${item.id}-${choice.value}`;
      input.value = String(choice.value);
      input.checked = quiz.answers[item.id] === choice.value;
      input.addEventListener('change', () => answer(item.id, choice.value));
      const text = document.createElement('label');
      text.htmlFor = input.id;
      text.textContent = choice.label;
      const option = document.createElement('span');
      option.className = 'choice';
      option.append(input, text);
      options.append(option);
    }
    set.append(legend, options);
    return set;
  }));
  $('questionnaire-prev').disabled = quiz.page === 0;
  $('questionnaire-next').disabled = from + PAGE_SIZE >= items.length;
  $('questionnaire-source').textContent = `Items: ${quiz.data.source}.`;
  renderCount();
}

function renderCount() {
  const here = Object.keys(quiz.answers).length;
  const total = quiz.data.items.length;
  $('questionnaire-progress').max = total;
  $('questionnaire-progress').value = here;
  $('questionnaire-count').textContent = `${here} of ${total}`;
}

function answer(itemId, value) {
  quiz.answers[itemId] = value;
  quiz.unsaved.add(itemId);
  keep(state.sessionId, { lang: quiz.data.language, answers: quiz.answers });
  renderCount();
  clearTimeout(quiz.timer);
  quiz.timer = setTimeout(saveAnswers, 700);
}

/** Sends the answers not saved yet (one request at a time); true when everything given so far is saved. */
async function saveAnswers() {
  clearTimeout(quiz.timer);
  quiz.timer = null;
  while (quiz.saving) {
    await quiz.saving;
  }
  if (!quiz.unsaved.size) {
    return true;
  }
  const sent = [...quiz.unsaved];
  quiz.unsaved.clear();
  const body = Object.fromEntries(sent.map((id) => [id, quiz.answers[id]]));
  quiz.saving = api.answer(state.sessionId, body).then((scores) => {
    quiz.onServer = scores.itemsAnswered;
    status(`Saved. ${scores.itemsAnswered} of ${scores.itemsTotal} statements answered.`);
    return true;
  }).catch((error) => {
    sent.forEach((id) => quiz.unsaved.add(id));
    status(`${error.message} Your answers are kept in this browser and sent again with the next one.`, true);
    return false;
  }).finally(() => {
    quiz.saving = null;
  });
  return quiz.saving;
}

async function turnPage(step) {
  saveAnswers();
  quiz.page += step;
  renderQuestionnaire();
  $('questionnaire-page').focus();
}

async function closeQuestionnaire() {
  if (!(await saveAnswers()) || quiz.unsaved.size) {
    return; // the error is shown; the user stays on the page with every answer kept
  }
  if (quiz.from === 'results') {
    await showResults();
  } else {
    await resume(state.sessionId);
  }
}

async function switchQuestionnaireLanguage() {
  try {
    quiz.data = await questionnaireIn($('questionnaire-language').value);
  } catch (error) {
    status(error.message, true);
    return;
  }
  keep(state.sessionId, { lang: quiz.data.language, answers: quiz.answers });
  renderQuestionnaire();
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
  $('open-questionnaire').addEventListener('click', () => openQuestionnaire('chat'));
  $('results-questionnaire').addEventListener('click', () => openQuestionnaire('results'));
  $('questionnaire-prev').addEventListener('click', () => turnPage(-1));
  $('questionnaire-next').addEventListener('click', () => turnPage(1));
  $('questionnaire-done').addEventListener('click', closeQuestionnaire);
  $('questionnaire-language').addEventListener('change', switchQuestionnaireLanguage);
  $('questionnaire-form').addEventListener('submit', (event) => event.preventDefault());
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
  await initLanguages();
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
