package io.tokenhook.cli;

/** Starter code for each hook type, as {@code tokenhook hooks scaffold} prints it. */
final class HookScaffolds {
    private HookScaffolds() {}

    /** The Auth0 (legacy) starter of a credentials-exchange hook: keeps the granted scopes, adds nothing. */
    static final String CREDENTIALS_EXCHANGE = """
            /**
             * Client Credentials Exchange hook: runs on every client credentials exchange, before the token is signed.
             *
             * @param {object} client              the application asking for a token
             * @param {string} client.id           its client_id
             * @param {string} client.name         its name
             * @param {string} client.tenant       the tenant name
             * @param {object} client.metadata     its client_metadata
             * @param {string[]|undefined} scope   the granted scopes (undefined when nothing is granted)
             * @param {string} audience            the API identifier the token is for
             * @param {object} context             {ip, userAgent, body, webtask: {secrets}}
             * @param {function} cb                cb(error, accessTokenClaims)
             */
            module.exports = function (client, scope, audience, context, cb) {
              var access_token = {};
              access_token.scope = scope; // keep the granted scopes: without this line the token has none

              // Add claims (their names must be http(s) URLs) or change the scopes:
              // access_token['https://example.com/claim'] = 'bar';
              // access_token.scope = (scope || []).concat('extra');
              // Secrets: context.webtask.secrets.NAME   (tokenhook hooks secrets set HOOK NAME=value)
              // Refuse the token: cb(new InvalidScopeError('...')), cb(new InvalidRequestError('...')) or cb(new Error('...'))

              cb(null, access_token);
            };
            """;

    /** The same starting point in the Actions style Tokenhook also runs. */
    static final String CREDENTIALS_EXCHANGE_ACTION = """
            /**
             * Credentials Exchange action: runs on every client credentials exchange, before the token is signed.
             *
             * event.client {client_id, name, metadata}, event.resource_server {identifier}, event.tenant {id},
             * event.request {body, ip, user_agent, hostname, method}, event.secrets, event.transaction {requested_scopes},
             * event.accessToken {scope, customClaims}
             */
            exports.onExecuteCredentialsExchange = async (event, api) => {
              // api.accessToken.setCustomClaim('https://example.com/claim', 'bar');
              // if (event.client.metadata.blocked === 'true') return api.access.deny('invalid_request', 'blocked');
            };
            """;

    static String forType(String type, boolean actions) {
        if (HookTypes.CREDENTIALS_EXCHANGE.equals(type)) return actions ? CREDENTIALS_EXCHANGE_ACTION : CREDENTIALS_EXCHANGE;
        String signature = switch (type) {
            case "pre-user-registration" -> "function (user, context, cb) {\n  var response = {};\n  response.user = user;\n  cb(null, response);\n}";
            case "send-phone-message" -> "function (recipient, text, context, cb) {\n  cb();\n}";
            default -> "function (user, context, cb) {\n  cb();\n}";
        };
        return "// " + type + " hook. " + HookTypes.storedOnly(type) + "\n"
                + "module.exports = " + signature + ";\n";
    }
}
