import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

/** Claims of a test account at the identity provider (sub is its id). */
export type TestAccountClaims = Record<string, string | boolean>;

export interface TestProvider {
  /** The issuer URL (http://127.0.0.1:<port>). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the client with the app's callback URL; call once the app listens. */
  configure(redirectUri: string): void;
  /** The account the next sign-in at the provider logs in as (no form: the interaction completes by itself). */
  signInAs(accountId: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on loopback for the SSO tests. Listens first (so the issuer URL is known
 * when the app is built) and answers 503 until `configure` registers the client. Login needs no form: the
 * interaction endpoint logs in as the account chosen with `signInAs`, and every grant is given without a consent
 * screen (`loadExistingGrant`), as for a first-party client. `port` 0 takes a free one.
 */
export async function startTestProvider(
  accounts: Record<string, TestAccountClaims>,
  port = 0,
): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end('not configured yet');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test provider did not get a port');
  const issuer = `http://127.0.0.1:${address.port}`;
  const clientId = 'semafor-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  let current: string | undefined;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(accountId) {
      if (!(accountId in accounts)) throw new Error(`no test account ${accountId}`);
      current = accountId;
    },
    configure(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [jwk] },
        // Explicit lifetimes (seconds), so the provider does not warn about its defaults in the test output.
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          Grant: 3600,
          IdToken: 600,
          Interaction: 600,
          Session: 3600,
        },
        cookies: { keys: ['test-cookie-key-one', 'test-cookie-key-two'] },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'semafor_org', 'semafor_role'],
        },
        features: { devInteractions: { enabled: false } },
        interactions: {
          url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
        },
        findAccount: (_ctx: unknown, id: string) => {
          const claims = accounts[id];
          if (!claims) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
        },
        loadExistingGrant: async (ctx: import('oidc-provider').KoaContext) => {
          const grantId =
            ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client.clientId,
            accountId: ctx.oidc.session.accountId,
          });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
      provider.use(async (ctx, next) => {
        if (!ctx.path.startsWith('/interaction/')) return next();
        const details = await provider.interactionDetails(ctx.req, ctx.res);
        if (details.prompt.name !== 'login' || !current) {
          throw new Error(`unexpected interaction ${details.prompt.name} (account ${current ?? 'none'})`);
        }
        ctx.redirect(
          await provider.interactionResult(
            ctx.req,
            ctx.res,
            { login: { accountId: current } },
            { mergeWithLastSubmission: false },
          ),
        );
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A minimal browser: follows redirects by hand and keeps cookies per host (ignoring path, fine for two hosts). */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  /** Cookies the browser holds for an origin's host. */
  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let jar = this.jars.get(host);
    if (!jar) {
      jar = new Map();
      this.jars.set(host, jar);
    }
    return jar;
  }

  /** One request without following redirects; stores Set-Cookie. */
  async fetch(url: string): Promise<Response> {
    const jar = this.cookies(url);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until a response is not a redirect or `stop` says the URL is far enough. */
  async follow(
    url: string,
    stop: (next: string) => boolean = () => false,
  ): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.fetch(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      await res.arrayBuffer();
      const next = new URL(location, current).href;
      if (stop(next)) return { url: next, res };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
