// auth0-deploy-cli (a0deploy) against Tokenhook, as a team migrating from Auth0 uses it: import an Auth0 export
// (directory format) into an empty Tokenhook, import it again (nothing may change), export Tokenhook's
// configuration back to a directory. Runs first: it needs the server as it was created.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import {
  adminClientId, adminClientSecret, domain, issuer, managementGet, verifyAccessToken,
} from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '..', 'fixtures', 'auth0-tenant');
const a0deploy = createRequire(import.meta.url).resolve('auth0-deploy-cli/lib/index.js');
const work = mkdtempSync(join(tmpdir(), 'tokenhook-deploy-cli-'));

/** The deploy CLI's configuration for Tokenhook: the four resource types Tokenhook has. */
const configFile = join(work, 'config.json');
writeFileSync(configFile, JSON.stringify({
  AUTH0_DOMAIN: domain,
  AUTH0_CLIENT_ID: adminClientId,
  AUTH0_CLIENT_SECRET: adminClientSecret,
  AUTH0_INCLUDED_ONLY: ['resourceServers', 'clients', 'clientGrants', 'hooks'],
  AUTH0_KEYWORD_REPLACE_MAPPINGS: { HOOK_PLAN: 'gold' },
}, null, 2));

function run(...args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [a0deploy, ...args, '--config_file', configFile],
      { env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => {
        const output = stdout + stderr;
        if (error) reject(new Error(`a0deploy ${args[0]} failed (${error.code}):\n${output}`));
        else resolve(output);
      });
  });
}

/** Everything the deploy CLI manages, as the Management API shows it, with hook code and secret names. */
async function tenantState() {
  const hooks = await managementGet('/hooks');
  return {
    resourceServers: await managementGet('/resource-servers'),
    clients: await managementGet('/clients'),
    clientGrants: await managementGet('/client-grants'),
    hooks: await Promise.all(hooks.map(async (h) => ({ ...h, secrets: await managementGet(`/hooks/${h.id}/secrets`) }))),
  };
}

const byName = (list, name) => list.find((item) => item.name === name);

test('auth0-deploy-cli: import an Auth0 export into an empty Tokenhook, import it again, export it', async (t) => {
  const before = await tenantState();
  assert.deepEqual(before.resourceServers.map((a) => a.name), ['Auth0 Management API'],
    'the server must be fresh: only its Management API');
  assert.equal(before.clients.length, 1, 'the server must be fresh: only its admin application');
  assert.equal(before.hooks.length, 0, 'the server must be fresh: no hooks');

  const firstImport = await run('import', '--input_file', fixture);
  assert.match(firstImport, /Import Successful/);
  const imported = await tenantState();

  await t.test('the import created what the export holds', () => {
    const dataApi = byName(imported.resourceServers, 'Data API');
    assert.equal(dataApi.id, '5f9e2c7a1b3d4e6f8a0b1c2d', 'an exported id is kept');
    assert.equal(dataApi.identifier, 'https://api.example.com/data');
    assert.deepEqual(dataApi.scopes.map((s) => s.value), ['read:data', 'write:data']);
    assert.equal(byName(imported.resourceServers, 'Billing API').token_lifetime, 3600);
    const reporting = byName(imported.clients, 'Reporting service');
    assert.equal(reporting.client_id, 'kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU', 'an exported client_id is kept');
    assert.deepEqual(reporting.client_metadata, { team: 'reporting' });
    const billing = byName(imported.clients, 'Billing worker');
    assert.equal(billing.token_endpoint_auth_method, 'client_secret_basic');
    assert.ok(imported.clientGrants.some((g) => g.client_id === reporting.client_id
      && g.audience === 'https://api.example.com/data' && g.scope.join() === 'read:data'));
    assert.ok(imported.clientGrants.some((g) => g.client_id === billing.client_id && g.audience === 'https://billing.example.com'));
    const hook = byName(imported.hooks, 'client-credentials-exchange-hook');
    assert.equal(hook.id, '01GEPVQEH9SX3RSTYY561TR92N');
    assert.equal(hook.enabled, true);
    assert.equal(hook.script, readFileSync(join(fixture, 'hooks', 'client-credentials-exchange-hook.js'), 'utf8'));
    assert.deepEqual(hook.secrets, { PLAN: '_VALUE_NOT_SHOWN_' });
    assert.equal(byName(imported.hooks, 'pre-user-registration-hook').enabled, false);
  });

  await t.test('a migrated application keeps its credentials: only the domain changes', async () => {
    const response = await fetch(`${issuer}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials', client_id: 'kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU',
        client_secret: 'migrated-secret-from-auth0-0123456789abcdefghijklmnop', audience: 'https://api.example.com/data',
      }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const { access_token: token } = await response.json();
    const { payload } = await verifyAccessToken(token, 'https://api.example.com/data');
    assert.equal(payload['https://example.com/plan'], 'gold', 'the hook ran with the secret from the keyword mapping');
    assert.equal(payload['https://example.com/team'], 'reporting');
  });

  await t.test('a second import changes nothing', async () => {
    const secondImport = await run('import', '--input_file', fixture);
    assert.match(secondImport, /Import Successful/);
    assert.doesNotMatch(secondImport, /Created \[|Deleted \[/, 'nothing is created or deleted the second time');
    assert.deepEqual(await tenantState(), imported);
  });

  await t.test('export writes Tokenhook\'s configuration in the directory format', async () => {
    const out = join(work, 'export');
    const output = await run('export', '--format', 'directory', '--output_folder', out);
    assert.match(output, /Export Successful/);
    const read = (...path) => JSON.parse(readFileSync(join(out, ...path), 'utf8'));
    assert.deepEqual(readdirSync(join(out, 'resource-servers')).sort(), ['Billing API.json', 'Data API.json'],
      'the Management API is not exported, as from Auth0');
    const dataApi = read('resource-servers', 'Data API.json');
    assert.equal(dataApi.identifier, 'https://api.example.com/data');
    assert.deepEqual(dataApi.scopes, JSON.parse(readFileSync(join(fixture, 'resource-servers', 'Data API.json'))).scopes);
    const reporting = read('clients', 'Reporting service.json');
    assert.deepEqual(reporting.grant_types, ['client_credentials']);
    assert.equal(reporting.client_secret, undefined, 'secrets are never exported');
    const grant = read('grants', 'Reporting service-Data API.json');
    assert.equal(grant.client_id, 'Reporting service', 'grants name their application');
    assert.deepEqual(grant.scope, ['read:data']);
    const hook = read('hooks', 'client-credentials-exchange-hook.json');
    assert.equal(hook.enabled, true);
    assert.equal(hook.triggerId, 'credentials-exchange');
    assert.deepEqual(hook.secrets, { PLAN: '_VALUE_NOT_SHOWN_' });
    assert.equal(readFileSync(join(out, 'hooks', 'client-credentials-exchange-hook.js'), 'utf8'),
      readFileSync(join(fixture, 'hooks', 'client-credentials-exchange-hook.js'), 'utf8'));
  });
});
