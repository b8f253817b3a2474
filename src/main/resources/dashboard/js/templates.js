// Extensibility points and the code a new hook starts with (Auth0's templates).

export const TRIGGERS = [
  {
    id: 'credentials-exchange', label: 'Client Credentials Exchange', runs: true,
    hint: 'Runs on every client credentials exchange, after the grant is decided and before the token is signed: '
      + 'change the scopes, add custom claims, or refuse the token.',
  },
  { id: 'pre-user-registration', label: 'Pre User Registration', runs: false },
  { id: 'post-user-registration', label: 'Post User Registration', runs: false },
  { id: 'post-change-password', label: 'Post Change Password', runs: false },
  { id: 'send-phone-message', label: 'Send Phone Message', runs: false },
];

export const STORED_ONLY = 'Stored for compatibility with Auth0 exports: Tokenhook has no users, logins or text messages, '
  + 'so hooks of this extensibility point never run.';

export const ONE_ENABLED_RULE = 'You can create more than one hook per extensibility point but only one can be enabled. '
  + 'The enabled hook will then be executed for all applications and APIs.';

export function triggerLabel(id) {
  const t = TRIGGERS.find((x) => x.id === id);
  return t ? t.label : id;
}

const CREDENTIALS_EXCHANGE = `/**
@param {object} client - information about the client
@param {string} client.name - name of client
@param {string} client.id - client id
@param {string} client.tenant - Auth0 tenant name
@param {object} client.metadata - client metadata
@param {array|undefined} scope - array of strings representing the scope claim or undefined
@param {string} audience - token's audience claim
@param {object} context - additional authorization context
@param {object} context.webtask - webtask context
@param {function} cb - function (error, accessTokenClaims)
*/
module.exports = function(client, scope, audience, context, cb) {
  var access_token = {};
  access_token.scope = scope;

  // Modify scopes or add extra claims
  // access_token['https://example.com/claim'] = 'bar';
  // access_token.scope.push('extra');

  // Deny the token and respond with an OAuth2 error response
  // if (denyRequest) {
  //   // To return an HTTP 400 with { "error": "invalid_scope", "error_description": "Not authorized for this scope." }
  //   return cb(new InvalidScopeError('Not authorized for this scope.'));
  //
  //   // To return an HTTP 400 with { "error": "invalid_request", "error_description": "Original token request is malformed." }
  //   return cb(new InvalidRequestError('Original token request is malformed.'));
  //
  //   // To return an HTTP 500 with { "error": "server_error", "error_description": "Internal error." }
  //   return cb(new ServerError('Internal error.'));
  // }

  cb(null, access_token);
};
`;

const PRE_USER_REGISTRATION = `/**
@param {object} user - user being created
@param {object} context - Auth0 connection and other context info
@param {function} cb - function (error, response)
*/
module.exports = function (user, context, cb) {
  var response = {};
  response.user = user;
  cb(null, response);
};
`;

const POST_USER_REGISTRATION = `/**
@param {object} user - user being created
@param {object} context - Auth0 connection and other context info
@param {function} cb - function (error, response)
*/
module.exports = function (user, context, cb) {
  cb();
};
`;

const POST_CHANGE_PASSWORD = `/**
@param {object} user - user whose password changed
@param {object} context - Auth0 connection and other context info
@param {function} cb - function (error)
*/
module.exports = function (user, context, cb) {
  cb();
};
`;

const SEND_PHONE_MESSAGE = `/**
@param {string} recipient - phone number
@param {string} text - message body
@param {object} context - additional authorization context
@param {function} cb - function (error, response)
*/
module.exports = function(recipient, text, context, cb) {
  cb(null, {});
};
`;

const TEMPLATES = {
  'credentials-exchange': CREDENTIALS_EXCHANGE,
  'pre-user-registration': PRE_USER_REGISTRATION,
  'post-user-registration': POST_USER_REGISTRATION,
  'post-change-password': POST_CHANGE_PASSWORD,
  'send-phone-message': SEND_PHONE_MESSAGE,
};

export function starterCode(triggerId) {
  return TEMPLATES[triggerId] || CREDENTIALS_EXCHANGE;
}

/** The runner's default payload, as Auth0's runner had it. */
export function defaultPayload(audience) {
  return {
    client: { id: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', name: 'client-name', tenant: 'default', metadata: { plan: 'full' } },
    scope: ['read:connections'],
    audience,
    context: { ip: '127.0.0.1', userAgent: 'Tokenhook runner', body: {} },
  };
}
