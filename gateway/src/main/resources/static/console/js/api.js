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
  const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
  return call(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
}

/**
 * A call whose body is a file (a Blob with its own type) or a form (FormData, which sets its own type), or whose
 * answer is not JSON: then the answer is a Blob. Errors as for api().
 */
export async function send(method, path, body, accept = 'application/json') {
  const headers = body instanceof Blob && body.type ? { 'Content-Type': body.type } : {};
  return call(method, path, body, headers, accept);
}

async function call(method, path, body, headers, accept = 'application/json') {
  // a refusal comes as problem+json whatever was asked for
  headers.Accept = accept === 'application/json' ? accept : `${accept}, application/problem+json;q=0.5`;
  const csrf = sessionStorage.getItem('csrf');
  if (method !== 'GET' && csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body });
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json');
  const data = json ? await response.json() : null;
  if (response.status === 401 && path !== '/api/v1/login') {
    throw new SessionEnded();
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.detail) || response.statusText, data);
  }
  return json || accept === 'application/json' ? data : response.blob();
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
