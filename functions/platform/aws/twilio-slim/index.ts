/**
 * The twilio client as the bundles see it (esbuild maps `twilio` to this folder, see TWILIO_SLIM in
 * infra/bundling.ts): the package's own HTTP client, authentication, retries and Messages
 * resource, without the ~3 MB of the other 40 REST domains its root module pulls in. The functions
 * only send messages (`messages.create`: replies, templates, broadcasts); locally and in tests the
 * full package runs. The deep relative paths keep esbuild's alias from applying to these imports.
 */
import BaseTwilio from '../../../../node_modules/twilio/lib/base/BaseTwilio.js';
import DomainModule from '../../../../node_modules/twilio/lib/base/Domain.js';
import VersionModule from '../../../../node_modules/twilio/lib/base/Version.js';
import { MessageListInstance } from '../../../../node_modules/twilio/lib/rest/api/v2010/account/message.js';

// CommonJS modules with `exports.default`: under Node's ESM rules the class is `.default`.
const Domain = DomainModule.default;
const Version = VersionModule.default;

const API_BASE_URL = 'https://api.twilio.com';
/** The Messages resource lives in the 2010-04-01 version of the Api domain. */
const API_VERSION = '2010-04-01';

class MessagingTwilio extends BaseTwilio.Client {
  /** The Api domain; its `baseUrl` can be pointed elsewhere, as on the full client. */
  readonly api = new Domain(this, API_BASE_URL);
  readonly messages = MessageListInstance(new Version(this.api, API_VERSION) as never, this.accountSid);
}

/** Same call shape as the package's default export: `twilio(accountSid, authToken, options)`. */
export default function twilio(accountSid: string, authToken: string, options?: BaseTwilio.ClientOpts) {
  return new MessagingTwilio(accountSid, authToken, options);
}
