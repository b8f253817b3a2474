// What every compatibility test needs: where the Tokenhook under test is, its admin application, and a
// token check with jose exactly as a resource server would do it.
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through compat/run`);
  return value;
}

/** host:port of the server, as Auth0's SDKs take their `domain` (they always speak https). */
export const domain = required('TOKENHOOK_DOMAIN');
export const adminClientId = required('TOKENHOOK_ADMIN_CLIENT_ID');
export const adminClientSecret = required('TOKENHOOK_ADMIN_CLIENT_SECRET');
export const issuer = `https://${domain}/`;
export const managementAudience = `https://${domain}/api/v2/`;

/** A name no other test (or earlier run) uses: letters, digits and '-', valid for every resource. */
export function unique(prefix) {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

const jwks = createRemoteJWKSet(new URL(`https://${domain}/.well-known/jwks.json`));

/** Verifies the signature against the published JWKS and checks issuer and audience; returns the claims. */
export async function verifyAccessToken(token, audience) {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience });
  return { payload, header: protectedHeader };
}

/**
 * A legacy credentials-exchange hook that reads a secret and the client, so the token proves the hook ran
 * with its secrets.
 */
export const HOOK_SCRIPT = `module.exports = function(client, scope, audience, context, cb) {
  var access_token = {};
  access_token.scope = scope;
  access_token['https://compat.example/plan'] = context.webtask.secrets.PLAN;
  access_token['https://compat.example/client'] = client.name;
  cb(null, access_token);
};
`;

let adminToken;

/** GET on the Management API with the admin application's token (plain fetch: no SDK in between). */
export async function managementGet(path) {
  if (!adminToken) {
    const response = await fetch(`https://${domain}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials', client_id: adminClientId, client_secret: adminClientSecret,
        audience: managementAudience,
      }),
    });
    if (!response.ok) throw new Error(`admin token: ${response.status} ${await response.text()}`);
    adminToken = (await response.json()).access_token;
  }
  const response = await fetch(`https://${domain}/api/v2${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The newest log event matching the Lucene query `q`; the log is written in batches, so this polls (up to 10 s). */
export async function awaitLog(q) {
  for (let i = 0; i < 100; i++) {
    const [event] = await managementGet(`/logs?per_page=1&q=${encodeURIComponent(q)}`);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no log event matching ${q}`);
}
