// `twilio/lib/webhooks/webhooks.js` under the bundles' `twilio` alias: the package's own request
// validation, unchanged (see ../../index.ts for why the alias exists).
export * from '../../../../../../node_modules/twilio/lib/webhooks/webhooks.js';
