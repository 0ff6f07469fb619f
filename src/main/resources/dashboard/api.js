// Calls to the management API. The token lives in sessionStorage only (gone with the tab) and goes with every call
// as "Authorization: Bearer <token>"; answers are JSON, but a run's records, which are JSON lines read as they come
// through fetch() and a ReadableStream (EventSource cannot send the header).

const KEY = 'scraper.token';

/** The API answered 401: no token, or a wrong one (hadToken). */
export class AuthError extends Error {
  constructor(message, hadToken) {
    super(message);
    this.hadToken = hadToken;
  }
}

/** Any other answer that is not a success, with its status and the API's own message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(KEY, value);
  } else {
    sessionStorage.removeItem(KEY);
  }
}

function headers(accept) {
  const h = { Accept: accept };
  const t = token();
  if (t) {
    h.Authorization = 'Bearer ' + t;
  }
  return h;
}

async function fail(res) {
  let message = res.status + ' ' + res.statusText;
  try {
    const body = await res.json();
    if (body && body.error) {
      message = body.error;
    }
  } catch (e) {
    // not JSON: the status says it
  }
  if (res.status === 401) {
    throw new AuthError(message, Boolean(token()));
  }
  throw new ApiError(res.status, message);
}

/** One call; resolves with the JSON answer, rejects with AuthError, ApiError or a network TypeError. */
export async function call(method, path) {
  const res = await fetch(path, { method, headers: headers('application/json'), cache: 'no-store' });
  if (!res.ok) {
    await fail(res);
  }
  return res.json();
}

export const get = (path) => call('GET', path);

/**
 * Reads a run's records as they come: onRecord gets each one and may return false to stop reading. Resolves when
 * the answer ends (the run ended) or reading stopped; the signal aborts it (rejects with an AbortError).
 */
export async function records(runId, onRecord, signal) {
  const res = await fetch('/runs/' + encodeURIComponent(runId) + '/records',
    { headers: headers('application/x-ndjson'), cache: 'no-store', signal });
  if (!res.ok) {
    await fail(res);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    rest += decoder.decode(value, { stream: true });
    let end;
    while ((end = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, end);
      rest = rest.slice(end + 1);
      if (line.trim() && onRecord(JSON.parse(line)) === false) {
        reader.cancel().catch(() => {});
        return;
      }
    }
  }
}
