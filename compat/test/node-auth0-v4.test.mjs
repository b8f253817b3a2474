// node-auth0 at its newest 4.x (OpenAPI-generated managers returning {data, headers, status}): the Management
// API round trip, and AuthenticationClient's client credentials exchange, with the token checked by jose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationClient, AuthApiError, ManagementApiError, ManagementClient } from 'auth0-v4';
import {
  adminClientId, adminClientSecret, awaitLog, domain, HOOK_SCRIPT, unique, verifyAccessToken,
} from './support.mjs';

const management = new ManagementClient({ domain, clientId: adminClientId, clientSecret: adminClientSecret });

/** Walks offset pages the way v4 callers do: page by page until a short page, checking the totals. */
async function everyPage(getAll, params, key) {
  const items = [];
  for (let page = 0; ; page++) {
    const { data } = await getAll({ ...params, page, include_totals: true });
    assert.equal(data.start, page * params.per_page);
    assert.equal(data.limit, params.per_page);
    assert.equal(typeof data.total, 'number');
    items.push(...data[key]);
    if (data[key].length < params.per_page) {
      assert.equal(items.length, data.total, 'the pages add up to the total');
      return items;
    }
  }
}

test('node-auth0 v4: APIs, applications, grants and hooks through ManagementClient; a token through AuthenticationClient', async (t) => {
  const identifier = `https://${unique('v4-api')}.compat.example`;
  const { data: api, status } = await management.resourceServers.create({
    name: unique('v4 API'),
    identifier,
    scopes: [{ value: 'read:data', description: 'Read data' }, { value: 'write:data' }],
    token_lifetime: 3600,
  });
  assert.equal(status, 201);
  assert.equal(api.identifier, identifier);

  const { data: app } = await management.clients.create({
    name: unique('v4 app'), app_type: 'non_interactive', grant_types: ['client_credentials'],
  });
  assert.ok(app.client_secret);

  const { data: grant } = await management.clientGrants.create({
    client_id: app.client_id, audience: identifier, scope: ['read:data'],
  });

  const { data: hook } = await management.hooks.create({
    name: unique('v4-hook'), script: HOOK_SCRIPT, triggerId: 'credentials-exchange', dependencies: {},
  });
  assert.equal(hook.enabled, false);
  const added = await management.hooks.addSecrets({ id: hook.id }, { PLAN: 'silver', OTHER: 'x' });
  assert.equal(added.status, 201);
  await management.hooks.updateSecrets({ id: hook.id }, { PLAN: 'gold' });
  const removed = await management.hooks.deleteSecrets({ id: hook.id }, ['OTHER']);
  assert.equal(removed.status, 204);
  assert.deepEqual((await management.hooks.getSecrets({ id: hook.id })).data, { PLAN: '_VALUE_NOT_SHOWN_' });
  const { data: enabled } = await management.hooks.update({ id: hook.id }, { enabled: true });
  assert.equal(enabled.enabled, true);

  await t.test('lists page by page with totals', async () => {
    const extra = [];
    for (let i = 0; i < 2; i++) extra.push((await management.clients.create({ name: unique('v4 page') })).data);
    const clients = await everyPage((p) => management.clients.getAll(p), { per_page: 2 }, 'clients');
    for (const c of [app, ...extra]) assert.ok(clients.some((s) => s.client_id === c.client_id));
    const apis = await everyPage((p) => management.resourceServers.getAll(p), { per_page: 1 }, 'resource_servers');
    assert.ok(apis.some((a) => a.id === api.id));
    const hooks = await everyPage((p) => management.hooks.getAll(p), { per_page: 1, triggerId: 'credentials-exchange' }, 'hooks');
    assert.ok(hooks.some((h) => h.id === hook.id && h.enabled));
    const grants = await everyPage((p) => management.clientGrants.getAll(p), { per_page: 1 }, 'client_grants');
    assert.ok(grants.some((g) => g.id === grant.id));
    const { data: bare } = await management.clients.getAll({ per_page: 1 });
    assert.ok(Array.isArray(bare) && bare.length === 1, 'without include_totals a list is a bare array');
    const { data: checkpoint } = await management.clientGrants.getAll({ take: 1 });
    assert.equal(checkpoint.client_grants.length, 1);
    assert.ok(checkpoint.next, 'checkpoint paging names the next page');
    for (const c of extra) await management.clients.delete({ client_id: c.client_id });
  });

  await t.test('the exchange runs the hook and the token verifies with jose', async () => {
    const auth = new AuthenticationClient({ domain, clientId: app.client_id, clientSecret: app.client_secret });
    const { data } = await auth.oauth.clientCredentialsGrant({ audience: identifier });
    assert.equal(data.token_type, 'Bearer');
    assert.equal(data.expires_in, 3600);
    assert.equal(data.scope, 'read:data');
    const { payload, header } = await verifyAccessToken(data.access_token, identifier);
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.sub, `${app.client_id}@clients`);
    assert.equal(payload['https://compat.example/plan'], 'gold');
    assert.equal(payload['https://compat.example/client'], app.name);
    const event = await awaitLog(`type:seccft AND client_id:${app.client_id}`);
    assert.deepEqual(event.details.auth0_client, { name: 'node-auth0', version: '4.37.1' },
      'the SDK\'s Auth0-Client header is logged with the exchange');
  });

  await t.test('exchange errors are AuthApiErrors with the OAuth error code', async () => {
    const wrong = new AuthenticationClient({ domain, clientId: app.client_id, clientSecret: 'not-the-secret' });
    await assert.rejects(wrong.oauth.clientCredentialsGrant({ audience: identifier }), (e) => {
      assert.ok(e instanceof AuthApiError);
      assert.equal(e.statusCode, 401);
      assert.equal(e.error, 'invalid_client');
      return true;
    });
    const auth = new AuthenticationClient({ domain, clientId: app.client_id, clientSecret: app.client_secret });
    await assert.rejects(auth.oauth.clientCredentialsGrant({ audience: 'https://not-an-api.compat.example' }), (e) => {
      assert.equal(e.statusCode, 403);
      assert.equal(e.error, 'access_denied');
      return true;
    });
  });

  await t.test('updates', async () => {
    const { data: renamed } = await management.resourceServers.update({ id: api.id }, { token_lifetime: 7200 });
    assert.equal(renamed.token_lifetime, 7200);
    const { data: described } = await management.clients.update({ client_id: app.client_id }, { description: 'Reports' });
    assert.equal(described.description, 'Reports');
    const { data: widened } = await management.clientGrants.update({ id: grant.id }, { scope: ['read:data', 'write:data'] });
    assert.deepEqual(widened.scope, ['read:data', 'write:data']);
    const { data: renamedHook } = await management.hooks.update({ id: hook.id }, { name: `${hook.name}-renamed` });
    assert.equal(renamedHook.name, `${hook.name}-renamed`);
  });

  await t.test('deletes, and Management API errors carry Auth0\'s envelope', async () => {
    await management.hooks.delete({ id: hook.id });
    await management.clientGrants.delete({ id: grant.id });
    await management.clients.delete({ client_id: app.client_id });
    await management.resourceServers.delete({ id: api.id });
    await assert.rejects(management.resourceServers.get({ id: api.id }), (e) => {
      assert.ok(e instanceof ManagementApiError);
      assert.equal(e.statusCode, 404);
      assert.equal(e.errorCode, 'inexistent_resource_server');
      assert.equal(e.error, 'Not Found');
      return true;
    });
    await assert.rejects(management.hooks.create({ name: 'x', script: 'x', triggerId: 'no-such-trigger' }), (e) => {
      assert.equal(e.statusCode, 400);
      assert.equal(e.errorCode, 'invalid_body');
      return true;
    });
  });
});
