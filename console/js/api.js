// The /v1 API. Failures carry the RFC 9457 problem (title, detail, errors[{field, message}]).
import { apiUrl, idToken } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? problem?.message ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Called when the API refuses the session (401), so that the console can ask to sign in again. */
let onUnauthorized = () => {};
export const whenUnauthorized = f => { onUnauthorized = f; };

export async function api(method, path, body, headers = {}) {
  const token = await idToken();
  const res = await fetch(apiUrl() + path, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** A query string of the non-empty values. */
export const query = params =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString();

let catalogPromise;
/** Wards and categories (with SLA), loaded once per page. */
export function catalog() {
  catalogPromise ??= api('GET', '/v1/catalog').catch(e => { catalogPromise = null; throw e; });
  return catalogPromise;
}

/** Reads a directory list (wards, categories) by code. */
export const byCode = (list, code) => list.find(x => x.code === code);
