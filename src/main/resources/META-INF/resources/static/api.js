// HTTP calls of the web client: JSON helpers, cookie credentials, and a streamed turn parsed from Server-Sent Events.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `Request failed (${status})`);
    this.status = status;
    this.tag = body && body._tag;
    this.body = body || {};
  }
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const api = {
  start: (language) => request('POST', '/api/assessment/start', language ? { language } : {}),
  resume: (id) => request('GET', `/api/assessment/${encodeURIComponent(id)}/resume`),
  results: (id) => request('GET', `/api/assessment/${encodeURIComponent(id)}/results`),
  questionnaire: (lang) => request('GET', `/api/questionnaire${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`),
  answer: (id, answers) => request('PUT', `/api/assessment/${encodeURIComponent(id)}/questionnaire`, { answers }),
  evidence: (sessionId, facetName) => request('GET',
      `/api/evidence/facet?sessionId=${encodeURIComponent(sessionId)}&facetName=${encodeURIComponent(facetName)}`),
  share: (sessionId) => request('POST', '/api/profile/share', { sessionId }),
  visibility: (id, isPublic) => request('PATCH', `/api/profile/${encodeURIComponent(id)}/visibility`, { isPublic }),
  session: () => request('GET', '/api/auth/get-session'),
  signUp: (body) => request('POST', '/api/auth/sign-up/email', body),
  signIn: (body) => request('POST', '/api/auth/sign-in/email', body),
  signOut: () => request('POST', '/api/auth/sign-out'),
};

/** A random id for the Idempotency-Key header (crypto.randomUUID where the browser has it). */
export function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Parses a text/event-stream body incrementally: calls onEvent(name, data) for every complete event.
 * Events end with a blank line; lines are "event: …" and "data: …" (several data lines are joined with "\n").
 */
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const dispatch = (block) => {
    let name = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (data.length) {
      onEvent(name, data.join('\n'));
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      dispatch(block);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) {
    dispatch(buffer);
  }
}

/**
 * Sends one message and streams Nerin's reply: onToken(delta) per chunk; resolves with the final JSON of the
 * "done" event; rejects with an ApiError for an HTTP error or an "error" event, or a TypeError when the network fails.
 * The same idempotency key on a retry makes the server replay a turn it already stored instead of running it twice.
 */
export async function sendMessage(sessionId, message, idempotencyKey, onToken) {
  const response = await fetch('/api/assessment/message', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ sessionId, message }),
  });
  if (!response.ok || !(response.headers.get('Content-Type') || '').includes('text/event-stream')) {
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = null;
    }
    throw new ApiError(response.status, body);
  }
  let result = null;
  let failure = null;
  await readEvents(response.body, (name, data) => {
    const payload = JSON.parse(data);
    if (name === 'token') {
      onToken(payload.delta || '');
    } else if (name === 'done') {
      result = payload;
    } else if (name === 'error') {
      failure = new ApiError(503, payload);
    }
  });
  if (failure) {
    throw failure;
  }
  if (!result) {
    throw new ApiError(0, { message: 'The reply was interrupted before it finished.' });
  }
  return result;
}
