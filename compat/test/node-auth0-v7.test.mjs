// node-auth0 at its newest major (7.x, Fern-generated): the Management API round trip. Since 7.0 the
// package no longer ships AuthenticationClient; Auth0 points to @auth0/auth0-auth-js for the exchange, which
// discovers the endpoints from /.well-known/openid-configuration (openid-client). The token is checked by jose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManagementClient, ManagementError } from 'auth0-v7';
import { AuthClient, TokenByClientCredentialsError } from '@auth0/auth0-auth-js';
import {
  adminClientId, adminClientSecret, domain, HOOK_SCRIPT, unique, verifyAccessToken,
} from './support.mjs';

const management = new ManagementClient({ domain, clientId: adminClientId, clientSecret: adminClientSecret });

/** Every item of a paged list, fetched by the SDK's own pager. */
async function all(pageable) {
  const items = [];
  for await (const item of await pageable) items.push(item);
  return items;
}

test('node-auth0 v7: APIs, applications, grants and hooks through ManagementClient; a token through auth0-auth-js', async (t) => {
  const identifier = `https://${unique('v7-api')}.compat.example`;
  const api = await management.resourceServers.create({
    name: unique('v7 API'),
    identifier,
    scopes: [{ value: 'read:data', description: 'Read data' }, { value: 'write:data' }],
    token_lifetime: 3600,
  });
  assert.equal(api.identifier, identifier);
  assert.equal(api.signing_alg, 'RS256');
  assert.match(api.id, /^[0-9a-f]{24}$/);

  const app = await management.clients.create({
    name: unique('v7 app'),
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
    client_metadata: { team: 'compat' },
  });
  assert.equal(app.app_type, 'non_interactive');
  assert.ok(app.client_secret, 'create returns the secret once');

  const grant = await management.clientGrants.create({
    client_id: app.client_id, audience: identifier, scope: ['read:data'],
  });
  assert.deepEqual(grant.scope, ['read:data']);

  const hook = await management.hooks.create({
    name: unique('v7-hook'), script: HOOK_SCRIPT, triggerId: 'credentials-exchange',
  });
  assert.equal(hook.enabled, false, 'a hook created through the API starts disabled');
  await management.hooks.secrets.create(hook.id, { PLAN: 'gold', UNUSED: 'x' });
  await management.hooks.secrets.update(hook.id, { PLAN: 'platinum' });
  await management.hooks.secrets.delete(hook.id, ['UNUSED']);
  assert.deepEqual(await management.hooks.secrets.get(hook.id), { PLAN: '_VALUE_NOT_SHOWN_' });
  const enabled = await management.hooks.update(hook.id, { enabled: true });
  assert.equal(enabled.enabled, true);

  await t.test('lists page by page with totals', async () => {
    const extra = [];
    for (let i = 0; i < 3; i++) extra.push(await management.clients.create({ name: unique('v7 page') }));
    const seen = await all(management.clients.list({ per_page: 2, include_totals: true }));
    for (const c of [app, ...extra]) assert.ok(seen.some((s) => s.client_id === c.client_id), `pager reached ${c.name}`);
    const page = await management.clients.list({ page: 0, per_page: 2, include_totals: true });
    assert.equal(page.data.length, 2);
    assert.ok(page.response.total >= 5, 'totals count every application');
    assert.equal(page.hasNextPage(), true);
    const hooks = await all(management.hooks.list({ triggerId: 'credentials-exchange', per_page: 1 }));
    assert.ok(hooks.some((h) => h.id === hook.id && h.enabled));
    const apis = await all(management.resourceServers.list({ per_page: 1 }));
    assert.ok(apis.some((a) => a.identifier === identifier));
    const grants = await all(management.clientGrants.list({ take: 1 }));
    assert.ok(grants.some((g) => g.id === grant.id));
    const byAudience = await all(management.clientGrants.list({ audience: identifier }));
    assert.deepEqual(byAudience.map((g) => g.id), [grant.id]);
    for (const c of extra) await management.clients.delete(c.client_id);
  });

  await t.test('the exchange runs the hook and the token verifies with jose', async () => {
    const auth = new AuthClient({ domain, clientId: app.client_id, clientSecret: app.client_secret });
    const token = await auth.getTokenByClientCredentials({ audience: identifier });
    assert.equal(token.scope, 'read:data');
    const lifetime = token.expiresAt - Math.floor(Date.now() / 1000);
    assert.ok(lifetime > 3500 && lifetime <= 3600, `expires in the API's token_lifetime (${lifetime} s)`);
    const { payload } = await verifyAccessToken(token.accessToken, identifier);
    assert.equal(payload.sub, `${app.client_id}@clients`);
    assert.equal(payload.azp, app.client_id);
    assert.equal(payload.gty, 'client-credentials');
    assert.equal(payload['https://compat.example/plan'], 'platinum');
    assert.equal(payload['https://compat.example/client'], app.name);
  });

  await t.test('a wrong secret is a TokenByClientCredentialsError carrying the OAuth error', async () => {
    const auth = new AuthClient({ domain, clientId: app.client_id, clientSecret: 'not-the-secret' });
    await assert.rejects(auth.getTokenByClientCredentials({ audience: identifier }), (e) => {
      assert.ok(e instanceof TokenByClientCredentialsError);
      assert.equal(e.cause?.error, 'invalid_client');
      return true;
    });
  });

  await t.test('updates', async () => {
    const renamed = await management.resourceServers.update(api.id, { name: `${api.name} renamed`, token_lifetime: 7200 });
    assert.equal(renamed.token_lifetime, 7200);
    const described = await management.clients.update(app.client_id, { description: 'Reports', client_metadata: { team: 'ops' } });
    assert.equal(described.description, 'Reports');
    assert.deepEqual(described.client_metadata, { team: 'ops' });
    const widened = await management.clientGrants.update(grant.id, { scope: ['read:data', 'write:data'] });
    assert.deepEqual(widened.scope, ['read:data', 'write:data']);
    const edited = await management.hooks.update(hook.id, { script: HOOK_SCRIPT.replace('platinum', 'platinum') });
    assert.equal(edited.enabled, true);
    assert.equal((await management.hooks.get(hook.id)).name, hook.name);
  });

  await t.test('deletes, and a deleted record is a NotFoundError', async () => {
    await management.hooks.update(hook.id, { enabled: false });
    await management.hooks.delete(hook.id);
    await management.clientGrants.delete(grant.id);
    await management.clients.delete(app.client_id);
    await management.resourceServers.delete(api.id);
    await assert.rejects(management.clients.get(app.client_id), (e) => {
      assert.ok(e instanceof ManagementError);
      assert.equal(e.statusCode, 404);
      assert.equal(e.body.errorCode, 'inexistent_client');
      return true;
    });
    await assert.rejects(management.hooks.get(hook.id), (e) => e.statusCode === 404);
  });
});
