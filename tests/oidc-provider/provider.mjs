// A real OpenID Connect provider (npm oidc-provider, a certified implementation) on a free loopback port,
// for the sign-in tests of tests/Bugsink.Web.Tests (Features/Accounts/ExternalLogin).
//   node provider.mjs BUGSINK_BASE_URL
// prints "issuer http://127.0.0.1:PORT" once it listens, and runs until killed or its stdin closes.
// The login form is the library's development interaction: the login name picks one of the accounts
// below, any password is accepted. Consent is given in advance for Bugsink's client.
import http from 'node:http';
import Provider from 'oidc-provider';

const bugsink = (process.argv[2] ?? '').replace(/\/$/, '');
if (!bugsink) {
  console.error('usage: node provider.mjs BUGSINK_BASE_URL');
  process.exit(2);
}

// One account per case the tests cover.
const accounts = {
  newbie: { email: 'newbie@example.com', email_verified: true, name: 'New Person', groups: [] },
  outsider: { email: 'someone@elsewhere.test', email_verified: true, name: 'Outsider', groups: [] },
  boss: { email: 'boss@example.com', email_verified: true, name: 'The Boss', groups: ['staff', 'bugsink-admins', 'no-such-team'] },
  unverified: { email: 'victim@example.com', email_verified: false, name: 'Not Verified', groups: ['bugsink-admins'] },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'bugsink',
      client_secret: 'bugsink-test-secret',
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [`${bugsink}/signin-oidc`],
      post_logout_redirect_uris: [`${bugsink}/signout-callback-oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) {
        return undefined;
      }
      return { accountId: id, async claims() { return { sub: id, ...account }; } };
    },
    // Consent for Bugsink's client is given in advance: the tests log in, they do not consent.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        return ctx.oidc.provider.Grant.find(grantId);
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['bugsink-test-cookie-key'] },
  });
  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
