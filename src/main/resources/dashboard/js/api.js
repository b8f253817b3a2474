// The Management API, called with the dashboard session (cookie) and its anti-forgery token.
const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

/** A refused call: `status`, the Auth0 envelope in `body`, and the server's message. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.error_description)) || `Request failed (${status})`);
    this.status = status;
    this.body = body || {};
  }

  /** The property the server named in a validation message, if any. */
  get property() {
    const m = /on property ([\w.-]*[\w-])/.exec(this.message) || /Missing required property: ([\w.-]*[\w-])/.exec(this.message);
    return m ? m[1] : null;
  }
}

let expiredHandler = () => {};

/** What to do when the session is gone (the app saves the place and goes to sign-in). */
export function onSessionExpired(handler) {
  expiredHandler = handler;
}

export function csrf() {
  return csrfToken;
}

/** Calls `/api/v2{path}`; resolves to the parsed JSON (null for an empty body), rejects with ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch('/api/v2' + path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { message: 'The server cannot be reached. Check that Tokenhook is running.' });
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = { message: text }; }
  }
  if (res.status === 401 && json && (json.errorCode === 'session_expired' || json.errorCode === 'missing_authentication')) {
    expiredHandler();
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path, body) => api('DELETE', path, body);

/** `GET /dashboard/session` without counting as activity: null once the session has expired. */
export async function sessionStatus() {
  try {
    const res = await fetch('/dashboard/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401) return null;
    return res.ok ? res.json() : { unknown: true };
  } catch (e) {
    return { unknown: true };
  }
}

export const enc = encodeURIComponent;
