// The token debugger: paste a JWT, see its header and payload decoded, the signature checked against this
// server's JWKS (or the API's own secret for HS256), iat/exp/nbf as dates, and the claims a hook added.
import { get, enc } from './api.js';
import { h, mount, pageHeader, pretty, formatDate } from './ui.js';

const HANDOFF = 'tokenhook.debugger';
const STANDARD_CLAIMS = new Set(['iss', 'sub', 'aud', 'iat', 'exp', 'nbf', 'gty', 'azp', 'jti', 'scope', 'client_id']);
const CLAIM_NOTES = {
  iss: 'issuer', sub: 'subject (<client_id>@clients)', aud: 'audience (the API identifier)', iat: 'issued at', exp: 'expires',
  nbf: 'not before', gty: 'grant type', azp: 'authorized party (the application)', jti: 'token id', scope: 'granted scopes',
};

/** Opens `token` in the debugger; `granted` (the grant's scopes) lets it tell which scopes the hook added. */
export function openInDebugger(token, granted) {
  sessionStorage.setItem(HANDOFF, JSON.stringify({ token, granted: granted || null }));
  location.hash = '#/debugger';
}

export async function render(main) {
  const handoff = JSON.parse(sessionStorage.getItem(HANDOFF) || 'null');
  sessionStorage.removeItem(HANDOFF);
  const input = h('textarea.token-input', { id: 'token-input', spellcheck: 'false', 'aria-label': 'Encoded token', placeholder: 'Paste a token (eyJ...)' });
  const output = h('div', { id: 'token-output', 'aria-live': 'polite' });
  let granted = handoff ? handoff.granted : null;
  let seq = 0;
  const update = async () => {
    const mine = ++seq;
    const token = input.value.trim();
    if (!token) {
      mount(output, h('div.card', h('p.muted', 'Paste a token on the left to decode it.')));
      return;
    }
    const decoded = decode(token);
    if (decoded.error) {
      mount(output, h('div.card', h('div.signature-state.invalid', { role: 'alert' }, decoded.error)));
      return;
    }
    const [signature, grantScopes] = await Promise.all([verify(token, decoded.header, decoded.payload), granted ? granted : grantedScopes(decoded.payload)]);
    if (mine !== seq) return;
    mount(output, view(decoded, signature, grantScopes));
  };
  input.addEventListener('input', () => { granted = null; update(); });
  if (handoff) input.value = handoff.token;
  mount(main, h('div.page',
    pageHeader('Token debugger', 'Paste an access token to decode it and check its signature against this server’s keys. '
      + 'Claims and scopes a hook added are highlighted. The token never leaves your browser, except to look up the grant.'),
    h('div.debugger',
      h('section.card', { 'aria-labelledby': 'encoded-title' }, h('h2', { id: 'encoded-title' }, 'Encoded'), input,
        h('p.hint', 'Decoded as you paste or type. Access tokens from this server are checked against ', h('a', { href: '/.well-known/jwks.json', target: '_blank', rel: 'noopener' }, 'its JWKS'), '.')),
      output)));
  await update();
}

function b64urlBytes(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  let b = s.replace(/-/g, '+').replace(/_/g, '/');
  while (b.length % 4) b += '=';
  const bin = atob(b);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function decode(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: `Not a signed JWT: expected three parts separated by dots, found ${parts.length}.` };
  try {
    const header = JSON.parse(new TextDecoder().decode(b64urlBytes(parts[0])));
    const payload = JSON.parse(new TextDecoder().decode(b64urlBytes(parts[1])));
    return { parts, header, payload };
  } catch (e) {
    return { parts, error: 'The header or payload is not base64url-encoded JSON: ' + e.message };
  }
}

async function grantedScopes(payload) {
  if (!payload.azp || !payload.aud) return null;
  try {
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    const grants = await get('/client-grants?client_id=' + enc(payload.azp) + '&audience=' + enc(aud));
    return grants.length ? grants[0].scope : null;
  } catch (e) {
    return null;
  }
}

const ALGS = {
  RS256: { importParams: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verifyParams: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: { importParams: { name: 'RSA-PSS', hash: 'SHA-256' }, verifyParams: { name: 'RSA-PSS', saltLength: 32 } },
  ES256: { importParams: { name: 'ECDSA', namedCurve: 'P-256' }, verifyParams: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { importParams: { name: 'Ed25519' }, verifyParams: { name: 'Ed25519' } },
};

/** The public part of a JWKS entry, as WebCrypto imports it. */
function publicJwk(jwk) {
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: jwk.n, e: jwk.e };
  if (jwk.kty === 'OKP') return { kty: 'OKP', crv: jwk.crv, x: jwk.x };
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** Ed25519 came to WebCrypto late (Chrome 137, Firefox 129, Safari 17): ask, so an old browser shows no false failure. */
async function supportsEd25519() {
  try {
    await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
      { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch (e) {
    return false;
  }
}

/** {state: valid|invalid|unknown, message}. */
async function verify(token, header, payload) {
  if (!window.crypto || !crypto.subtle) {
    return { state: 'unknown', message: 'The signature cannot be checked here: browsers verify only on HTTPS or localhost.' };
  }
  const [h64, p64, s64] = token.split('.');
  const data = new TextEncoder().encode(h64 + '.' + p64);
  let signature;
  try {
    signature = b64urlBytes(s64);
  } catch (e) {
    return { state: 'invalid', message: 'Invalid signature: not base64url.' };
  }
  try {
    if (header.alg === 'HS256') {
      const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
      const apis = await get('/resource-servers?identifiers=' + enc(aud || ''));
      if (!apis.length || !apis[0].signing_secret) return { state: 'unknown', message: `HS256: no API ${aud} with a signing secret on this server.` };
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(apis[0].signing_secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      const ok = await crypto.subtle.verify('HMAC', key, signature, data);
      return ok ? { state: 'valid', message: `Signature verified with the signing secret of the API ${aud} (HS256).` }
        : { state: 'invalid', message: 'Invalid signature: it does not match the API’s signing secret.' };
    }
    const alg = ALGS[header.alg];
    if (!alg) return { state: 'unknown', message: `Unsupported algorithm ${header.alg}.` };
    if (header.alg === 'EdDSA' && !(await supportsEd25519())) {
      return { state: 'unknown', message: 'This browser cannot verify EdDSA (Ed25519) signatures: its WebCrypto lacks Ed25519. '
        + 'Check it in a newer browser, or fetch it with "tokenhook token get --decode", which verifies it.' };
    }
    const jwks = await (await fetch('/.well-known/jwks.json', { credentials: 'omit' })).json();
    const jwk = (jwks.keys || []).find((k) => k.kid === header.kid);
    if (!jwk) return { state: 'invalid', message: `Not signed by this server: no key ${header.kid || '(no kid)'} in its JWKS.` };
    const key = await crypto.subtle.importKey('jwk', publicJwk(jwk), alg.importParams, false, ['verify']);
    const ok = await crypto.subtle.verify(alg.verifyParams, key, signature, data);
    return ok ? { state: 'valid', message: `Signature verified with this server’s key ${header.kid} (${header.alg}).` }
      : { state: 'invalid', message: `Invalid signature: the token was changed or not signed with key ${header.kid}.` };
  } catch (e) {
    return { state: 'unknown', message: 'The signature could not be checked: ' + e.message };
  }
}

function relative(seconds) {
  const diff = seconds - Date.now() / 1000;
  const abs = Math.abs(diff);
  const text = abs < 90 ? `${Math.round(abs)} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 172800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} days`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

function view(decoded, signature, granted) {
  const { header, payload } = decoded;
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const addedScopes = granted ? scopes.filter((s) => !granted.includes(s)) : [];
  const hookClaims = Object.keys(payload).filter((k) => !STANDARD_CLAIMS.has(k));
  const expired = typeof payload.exp === 'number' && payload.exp * 1000 < Date.now();
  const row = (name, value) => {
    const byHook = !STANDARD_CLAIMS.has(name);
    let shown;
    let note = byHook ? h('span.legend-hook', 'added by the hook') : CLAIM_NOTES[name] || '';
    if (name === 'scope' && typeof value === 'string') {
      shown = scopes.map((s) => h('span', { class: 'scope-token' + (addedScopes.includes(s) ? ' by-hook' : ''), 'data-scope': s }, s));
      if (addedScopes.length) note = h('span', 'granted scopes; ', h('span.legend-hook', `${addedScopes.join(' ')} added by the hook`));
    } else if ((name === 'iat' || name === 'exp' || name === 'nbf') && typeof value === 'number') {
      shown = [String(value), h('span.sub', `${formatDate(new Date(value * 1000))} (${relative(value)})`)];
      if (name === 'exp' && expired) note = h('span.badge.badge-danger', 'expired');
    } else {
      shown = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return h('tr', { class: byHook ? 'by-hook' : '', 'data-claim': name },
      h('td.claim-name', name), h('td.claim-value', shown), h('td.small', note));
  };
  return h('div.stack',
    h('div', { class: 'signature-state ' + signature.state, id: 'signature-state', 'data-state': signature.state, role: 'status' },
      signature.state === 'valid' ? '✓ ' : signature.state === 'invalid' ? '✗ ' : '', signature.message),
    h('section.card', { 'aria-labelledby': 'header-title' }, h('h2', { id: 'header-title' }, 'Header'),
      h('pre.code.jwt-header', { id: 'token-header' }, pretty(header))),
    h('section.card', { 'aria-labelledby': 'payload-title' },
      h('div.card-header', h('h2', { id: 'payload-title' }, 'Payload'),
        hookClaims.length || addedScopes.length ? h('span.small', h('span.legend-hook', 'Highlighted'), ' = set by the hook') : null),
      h('table.claims', { id: 'token-claims', 'aria-label': 'Payload claims' },
        h('thead', h('tr', h('th', { scope: 'col' }, 'Claim'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Meaning'))),
        h('tbody', Object.entries(payload).map(([k, v]) => row(k, v)))),
      h('details.mt-16', h('summary', 'Payload as JSON'), h('pre.code.jwt-payload', { id: 'token-payload' }, pretty(payload)))));
}
