import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_DEFAULTS, loadConfig, transcriptionSettings } from './config.js';

const production = {
  APP_ENV: 'production',
  PUBLIC_URL: 'https://diaspora.example.tg',
  TWILIO_ACCOUNT_SID: 'AC123',
  TWILIO_AUTH_TOKEN: 'real-token',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
  TELEGRAM_BOT_TOKEN: '123:abc',
  TELEGRAM_WEBHOOK_SECRET: 'real-secret',
  TABLE_NAME: 'diaspora-prod',
  SESSION_SECRET: 'a-long-random-session-secret-value',
};

describe('loadConfig', () => {
  it('runs locally with documented development defaults', () => {
    const config = loadConfig({});
    expect(config.APP_ENV).toBe('local');
    expect(config.PORT).toBe(3000);
    expect(config.TWILIO_AUTH_TOKEN).toBe(DEV_DEFAULTS.TWILIO_AUTH_TOKEN);
  });

  it('accepts a complete production configuration', () => {
    expect(loadConfig(production).APP_ENV).toBe('production');
  });

  it.each([
    'TWILIO_AUTH_TOKEN',
    'TELEGRAM_WEBHOOK_SECRET',
    'TELEGRAM_BOT_TOKEN',
    'TABLE_NAME',
    'SESSION_SECRET',
  ])('refuses to start in production without %s, and names it', (key) => {
    const env: Record<string, string> = { ...production };
    delete env[key];
    expect(() => loadConfig(env)).toThrow(key);
  });

  it.each(Object.entries(DEV_DEFAULTS))(
    'refuses the development default of %s in production',
    (key, value) => {
      const error = (() => {
        try {
          loadConfig({ ...production, [key]: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).keys).toContain(key);
    },
  );

  it('names the key of an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('transcribes with the OPENAI_* settings unless TRANSCRIBE_* names its own, and not at all without either', () => {
    expect(transcriptionSettings(loadConfig({}))).toBeUndefined();
    expect(
      transcriptionSettings(
        loadConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_MODEL: 'm' }),
      ),
    ).toMatchObject({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', maxSeconds: 120 });
    expect(
      transcriptionSettings(
        loadConfig({
          OPENAI_API_KEY: 'k',
          TRANSCRIBE_BASE_URL: 'http://127.0.0.1:2/v1',
          TRANSCRIBE_MODEL: 'w',
        }),
      ),
    ).toMatchObject({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:2/v1',
      model: 'w',
      maxBytes: 10 * 1024 * 1024,
    });
    // A self-hosted server with no key is configured by its URL alone.
    expect(transcriptionSettings(loadConfig({ TRANSCRIBE_BASE_URL: 'http://127.0.0.1:3/v1' }))).toMatchObject(
      {
        apiKey: undefined,
      },
    );
  });
});
