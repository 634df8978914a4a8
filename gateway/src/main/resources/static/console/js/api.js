// Calls to the gateway's JSON API with the session cookie. A call that changes something carries the CSRF token
// that the login answered; it is kept for this browser tab only.

export class SessionEnded extends Error {}

export class ApiError extends Error {
  /** problem: the answer's body (application/problem+json), with the validation's errors for a 422. */
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

export function rememberCsrf(token) {
  sessionStorage.setItem('csrf', token);
}

export function forgetCsrf() {
  sessionStorage.removeItem('csrf');
}

export async function api(method, path, body) {
  return call(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
}

/** Sends a document as it is, such as an invoice's XML. */
export async function upload(method, path, bytes, contentType) {
  return call(method, path, bytes, contentType);
}

async function call(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  const csrf = sessionStorage.getItem('csrf');
  if (method !== 'GET' && csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body,
  });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (response.status === 401 && path !== '/api/v1/login') {
    throw new SessionEnded();
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.detail) || response.statusText, data);
  }
  return data;
}

/** The query string of the non-empty values, in the given order. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  }
  return search.toString();
}
