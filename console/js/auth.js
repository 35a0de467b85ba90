// Staff sign in with Cognito's USER_PASSWORD_AUTH straight from the browser: the console's app
// client is public (no secret), and config.json, served next to the console, names the Cognito
// endpoint (locally the runtime's own origin, which relays to moto) and the client id. Tokens
// live in sessionStorage: they end with the tab, and are refreshed shortly before the ID token expires.
const STORED = 'happserve.session';
let config;
let session = JSON.parse(sessionStorage.getItem(STORED) || 'null');

export async function loadConfig() {
  config = await (await fetch('config.json', { cache: 'no-store' })).json();
  return config;
}

async function cognito(target, body) {
  const res = await fetch(config.cognito.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify({ ClientId: config.cognito.clientId, ...body }),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.__type?.split('#').pop() ?? `HTTP ${res.status}`);
  return data;
}

function keep(result, refreshToken) {
  session = { idToken: result.IdToken, refreshToken: result.RefreshToken ?? refreshToken };
  sessionStorage.setItem(STORED, JSON.stringify(session));
}

/** Signs in; answers a challenge ({name, session, username}) when Cognito asks for one first. */
export async function signIn(username, password) {
  const r = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  if (r.ChallengeName) return { name: r.ChallengeName, session: r.Session, username };
  keep(r.AuthenticationResult);
  return null;
}

/** An account created by an administrator must choose its own password at first sign-in. */
export async function setNewPassword(challenge, password) {
  const r = await cognito('RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: password },
  });
  keep(r.AuthenticationResult);
}

export function signOut() {
  session = null;
  sessionStorage.removeItem(STORED);
}

export function claims() {
  if (!session) return null;
  const b64 = session.idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), c => c.charCodeAt(0))));
}

export const roles = () => claims()?.['cognito:groups'] ?? [];

/** The ID token, refreshed when it has less than a minute left; null when signed out. */
export async function idToken() {
  if (!session) return null;
  if (claims().exp - 60 < Date.now() / 1000) {
    try {
      const r = await cognito('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      });
      keep(r.AuthenticationResult, session.refreshToken);
    } catch {
      signOut();
      return null;
    }
  }
  return session.idToken;
}

export const apiUrl = () => config.apiUrl;
