import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsapp } from '../../functions/channels/whatsapp/index.js';
import { twilioMediaHostAllowed } from '../../functions/channels/whatsapp/media.js';
import { loadConfig } from '../../functions/core/config.js';
import { decodeInbound, inboundCodec } from '../../functions/core/inbound-codec.js';
import { MediaFetchError } from '../../functions/core/media.js';
import type { InboundMessage } from '../../functions/core/types.js';
import { listMessages } from '../../functions/store/messages.js';
import { startFakeOpenAi } from '../fakes/openai-api.js';
import { FAKE_TWILIO_CREDENTIALS, useChannelFakes } from '../helpers/channel-fakes.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

type FakeOpenAi = Awaited<ReturnType<typeof startFakeOpenAi>>;

/** A few bytes standing for an Ogg/Opus voice note: the fakes never decode audio. */
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0]);

let updateId = 700_000;
function telegramVoice(
  userId: number,
  fileId: string,
  voice: { duration?: number; file_size?: number } = {},
  languageCode = 'fr',
) {
  updateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Ama' },
      from: { id: userId, is_bot: false, first_name: 'Ama', language_code: languageCode },
      voice: {
        file_id: fileId,
        file_unique_id: `u${fileId}`,
        duration: voice.duration ?? 4,
        mime_type: 'audio/ogg',
        ...voice,
      },
    },
  };
}

const whatsappVoice = (from: string, url: string, contentType = 'audio/ogg') =>
  whatsappText(from, '', { NumMedia: '1', MediaUrl0: url, MediaContentType0: contentType });

describe('voice notes, transcribed and answered like typed text', { timeout: 60_000 }, () => {
  const fakes = useChannelFakes();
  let openai: FakeOpenAi;
  beforeAll(async () => {
    openai = await startFakeOpenAi();
  });
  afterAll(async () => {
    await openai.close();
  });
  const voiceEnv = (extra: Record<string, string> = {}) => ({
    ...fakes.env(),
    RATE_LIMIT_PER_MINUTE: '0',
    TRANSCRIBE_BASE_URL: openai.baseURL,
    TRANSCRIBE_API_KEY: 'test-transcribe-key',
    TRANSCRIBE_MODEL: 'whisper-test',
    ...extra,
  });
  const telegramReplies = (chatId: number) =>
    fakes.telegram
      .sent()
      .filter((c) => String(c.params.chat_id) === String(chatId))
      .map((c) => String(c.params.text));
  const whatsappReplies = (to: string) =>
    fakes.twilio.messages.filter((m) => m.params.To === to).map((m) => m.params.Body ?? '');

  it('Telegram: a spoken question is echoed, then answered exactly as the typed question', async () => {
    const rt = await testRuntime(voiceEnv());
    fakes.telegram.addFile('tg-voice-q1', OGG);
    openai.transcribe({ kind: 'text', text: '  Comment obtenir un passeport ? ' });
    const before = openai.transcriptions.length;

    await postTelegram(rt.app, telegramVoice(7101, 'tg-voice-q1'));
    await postTelegram(rt.app, telegramText(7102, 'Comment obtenir un passeport ?'));
    await rt.queue.idle();

    const spoken = telegramReplies(7101);
    const typed = telegramReplies(7102);
    expect(spoken[0]).toBe('🎤 J’ai compris : « Comment obtenir un passeport ? »');
    expect(typed.length).toBeGreaterThan(0);
    expect(spoken.slice(1)).toEqual(typed);
    expect(openai.transcriptions.slice(before)).toEqual([
      {
        model: 'whisper-test',
        language: 'fr',
        fileName: 'voice.ogg',
        contentType: 'audio/ogg',
        bytes: OGG.byteLength,
        authorization: 'Bearer test-transcribe-key',
      },
    ]);
    expect(fakes.telegram.downloads).toContain('bot123456:TEST/voice/tg-voice-q1.oga');
    // The transcript is the stored text, marked; nothing of the audio is kept.
    const log = await listMessages(rt.store, 'telegram', '7101');
    expect(log[0]).toMatchObject({
      direction: 'in',
      text: 'Comment obtenir un passeport ?',
      transcribed: true,
    });
    expect(JSON.stringify(log)).not.toContain('tg-voice-q1');
  });

  it('Telegram in English: the echo and the language hint follow the person', async () => {
    const rt = await testRuntime(voiceEnv());
    fakes.telegram.addFile('tg-voice-en', OGG);
    openai.transcribe({ kind: 'text', text: 'How do I get a passport?' });
    await postTelegram(rt.app, telegramVoice(7111, 'tg-voice-en', {}, 'en'));
    await rt.queue.idle();
    expect(telegramReplies(7111)[0]).toBe('🎤 I understood: “How do I get a passport?”');
    expect(openai.transcriptions.at(-1)?.language).toBe('en');
  });

  it('Telegram: a registration step answered by voice moves the flow on as typed text does', async () => {
    const rt = await testRuntime(voiceEnv());
    await postTelegram(rt.app, telegramText(7121, 'Je veux investir'));
    await rt.queue.idle();
    expect(telegramReplies(7121).join('\n')).toMatch(/Dans quel secteur/);
    fakes.telegram.addFile('tg-voice-sector', OGG);
    openai.transcribe({ kind: 'text', text: 'Agriculture.' });
    await postTelegram(rt.app, telegramVoice(7121, 'tg-voice-sector'));
    await rt.queue.idle();
    const after = telegramReplies(7121).slice(-2);
    expect(after[0]).toBe('🎤 J’ai compris : « Agriculture. »');
    expect(after[1]).toMatch(/pays résidez-vous/);
  });

  it('WhatsApp: a menu number said aloud chooses like the typed number, media fetched with the account credentials', async () => {
    const rt = await testRuntime(voiceEnv());
    const from = 'whatsapp:+33600007131';
    await postWhatsApp(rt.app, whatsappText(from, 'bonjour'));
    await rt.queue.idle();
    expect(whatsappReplies(from).join('\n')).toContain('2. Investir au Togo');
    const url = fakes.twilio.addMedia(OGG, 'audio/ogg');
    openai.transcribe({ kind: 'text', text: '2.' });
    const res = await postWhatsApp(rt.app, whatsappVoice(from, url));
    expect(res.status).toBe(200);
    await rt.queue.idle();
    const after = whatsappReplies(from).slice(-2);
    expect(after[0]).toBe('🎤 J’ai compris : « 2. »');
    expect(after[1]).toMatch(/Enregistrons votre intérêt/);
    const fetch = fakes.twilio.mediaFetches.find((f) => url.endsWith(f.path));
    expect(fetch).toEqual({ path: new URL(url).pathname, authorised: true });
  });

  it('WhatsApp: a spoken question is answered as the typed one', async () => {
    const rt = await testRuntime(voiceEnv());
    const url = fakes.twilio.addMedia(OGG, 'audio/ogg; codecs=opus');
    openai.transcribe({ kind: 'text', text: 'Comment créer une entreprise au Togo ?' });
    await postWhatsApp(rt.app, whatsappVoice('whatsapp:+33600007141', url, 'audio/ogg; codecs=opus'));
    await postWhatsApp(
      rt.app,
      whatsappText('whatsapp:+33600007142', 'Comment créer une entreprise au Togo ?'),
    );
    await rt.queue.idle();
    const spoken = whatsappReplies('whatsapp:+33600007141');
    expect(spoken[0]).toBe('🎤 J’ai compris : « Comment créer une entreprise au Togo ? »');
    expect(spoken.slice(1)).toEqual(whatsappReplies('whatsapp:+33600007142'));
    expect(openai.transcriptions.at(-1)).toMatchObject({
      fileName: 'voice.ogg',
      contentType: 'audio/ogg; codecs=opus',
    });
  });

  it('Telegram: a note longer than the limit is refused politely, before any download or transcription', async () => {
    const rt = await testRuntime(voiceEnv());
    fakes.telegram.addFile('tg-voice-long', OGG);
    const before = openai.transcriptions.length;
    await postTelegram(rt.app, telegramVoice(7151, 'tg-voice-long', { duration: 121 }));
    await postTelegram(
      rt.app,
      telegramVoice(7152, 'tg-voice-long', { duration: 10, file_size: 11 * 1024 * 1024 }),
    );
    await rt.queue.idle();
    for (const chat of [7151, 7152]) {
      expect(telegramReplies(chat)).toEqual([
        'Votre message vocal est trop long pour moi (2 minutes au plus). Pouvez-vous écrire votre demande en quelques mots ?',
      ]);
    }
    expect(fakes.telegram.downloads.filter((d) => d.includes('tg-voice-long'))).toEqual([]);
    expect(openai.transcriptions.length).toBe(before);
  });

  it.each([
    ['with a Content-Length over the limit', false],
    ['streamed without a Content-Length, cut off past the limit', true],
  ])('WhatsApp: media %s is refused politely, never transcribed', async (_, chunked) => {
    const rt = await testRuntime(voiceEnv({ TRANSCRIBE_MAX_BYTES: '100000' }));
    const from = `whatsapp:+3360000716${chunked ? 1 : 2}`;
    const url = fakes.twilio.addMedia(new Uint8Array(400_000), 'audio/ogg', { chunked });
    const before = openai.transcriptions.length;
    await postWhatsApp(rt.app, whatsappVoice(from, url));
    await rt.queue.idle();
    expect(whatsappReplies(from)).toEqual([
      'Votre message vocal est trop long pour moi (2 minutes au plus). Pouvez-vous écrire votre demande en quelques mots ?',
    ]);
    expect(openai.transcriptions.length).toBe(before);
  });

  it('without a transcription service, a voice note gets a polite "please type" in the person\'s language', async () => {
    const rt = await testRuntime({ ...fakes.env(), RATE_LIMIT_PER_MINUTE: '0' });
    fakes.telegram.addFile('tg-voice-unconf', OGG);
    await postTelegram(rt.app, telegramVoice(7171, 'tg-voice-unconf', {}, 'en'));
    await postWhatsApp(
      rt.app,
      whatsappVoice('whatsapp:+33600007172', fakes.twilio.addMedia(OGG, 'audio/ogg')),
    );
    await rt.queue.idle();
    expect(telegramReplies(7171)).toEqual([
      'Sorry, I cannot listen to this voice message. Could you write your request in a few words?',
    ]);
    expect(whatsappReplies('whatsapp:+33600007172')).toEqual([
      'Désolé, je ne peux pas écouter ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
    ]);
    expect(fakes.telegram.downloads.filter((d) => d.includes('tg-voice-unconf'))).toEqual([]);
  });

  it.each([
    ['answers 500', { kind: 'status', status: 500 } as const, {}],
    ['answers 429', { kind: 'status', status: 429 } as const, {}],
    ['hangs past the timeout', { kind: 'hang', ms: 3000 } as const, { TRANSCRIBE_TIMEOUT_MS: '500' }],
  ])(
    'when the transcription service %s, the person is asked to type, once, with no retry',
    async (_, behaviour, extra) => {
      const rt = await testRuntime(voiceEnv(extra));
      const from = `whatsapp:+336000072${String(openai.transcriptions.length).padStart(2, '0')}`;
      openai.transcribe(behaviour);
      const before = openai.transcriptions.length;
      await postWhatsApp(rt.app, whatsappVoice(from, fakes.twilio.addMedia(OGG, 'audio/ogg')));
      await rt.queue.idle();
      expect(whatsappReplies(from)).toEqual([
        'Désolé, je ne peux pas écouter ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
      ]);
      expect(openai.transcriptions.length).toBe(before + 1);
      // The conversation goes on: the next typed message is answered as usual.
      openai.transcribe({ kind: 'text', text: '' });
      await postWhatsApp(rt.app, whatsappText(from, 'menu'));
      await rt.queue.idle();
      expect(whatsappReplies(from).at(-1)).toContain('1. Poser une question');
    },
  );

  it('a voice note with nothing said is answered, not echoed empty', async () => {
    const rt = await testRuntime(voiceEnv());
    fakes.telegram.addFile('tg-voice-silent', OGG);
    openai.transcribe({ kind: 'text', text: '   ' });
    await postTelegram(rt.app, telegramVoice(7181, 'tg-voice-silent'));
    await rt.queue.idle();
    expect(telegramReplies(7181)).toEqual([
      'Je n’ai rien entendu dans ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
    ]);
  });

  it('other media keep the polite "text only" answer, and are never fetched', async () => {
    const rt = await testRuntime(voiceEnv());
    const url = fakes.twilio.addMedia(OGG, 'image/jpeg');
    const fetches = fakes.twilio.mediaFetches.length;
    await postWhatsApp(
      rt.app,
      whatsappText('whatsapp:+33600007191', '', {
        NumMedia: '1',
        MediaUrl0: url,
        MediaContentType0: 'image/jpeg',
      }),
    );
    updateId++;
    await postTelegram(rt.app, {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 0,
        chat: { id: 7192, type: 'private' },
        from: { id: 7192, is_bot: false, first_name: 'Ama', language_code: 'en' },
        sticker: {
          file_id: 'st',
          file_unique_id: 'st',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
    });
    await rt.queue.idle();
    expect(whatsappReplies('whatsapp:+33600007191')).toEqual([
      'Merci ! Pour l’instant je ne comprends que les messages texte. Pouvez-vous écrire votre demande en quelques mots ?',
    ]);
    expect(telegramReplies(7192)).toEqual([
      'Thank you! For now I only understand text messages. Could you write your request in a few words?',
    ]);
    expect(fakes.twilio.mediaFetches.length).toBe(fetches);
  });

  it('local mode refuses a media URL on a foreign host without fetching it', async () => {
    const rt = await testRuntime(voiceEnv());
    const from = 'whatsapp:+33600007201';
    const before = openai.transcriptions.length;
    await postWhatsApp(rt.app, whatsappVoice(from, 'https://media.example.com/voice.ogg'));
    await rt.queue.idle();
    expect(whatsappReplies(from)).toEqual([
      'Désolé, je ne peux pas écouter ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
    ]);
    expect(openai.transcriptions.length).toBe(before);
  });

  describe('WhatsApp media in production', () => {
    const production = () =>
      loadConfig({
        APP_ENV: 'production',
        PUBLIC_URL: 'https://assistant.example.test',
        TWILIO_ACCOUNT_SID: FAKE_TWILIO_CREDENTIALS.accountSid,
        TWILIO_AUTH_TOKEN: FAKE_TWILIO_CREDENTIALS.authToken,
        TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
        TELEGRAM_BOT_TOKEN: '123456:TEST',
        TELEGRAM_WEBHOOK_SECRET: 'a-production-secret',
        TABLE_NAME: 'togo-diaspora-prod',
        SESSION_SECRET: 'a-production-session-secret-0123456789',
      });

    it.each([
      'https://media.example.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      'https://api.twilio.com.example.com/x',
      'http://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
    ])('refuses %s before any request', async (url) => {
      await expect(
        whatsapp.fetchMedia!(production(), { kind: 'audio', url }, { maxBytes: 1000 }),
      ).rejects.toMatchObject({
        failure: 'refused-host',
      });
    });

    it('refuses even the loopback fake that local mode accepts, and sends it nothing', async () => {
      const url = fakes.twilio.addMedia(OGG, 'audio/ogg');
      const fetches = fakes.twilio.mediaFetches.length;
      const error = await whatsapp.fetchMedia!(
        production(),
        { kind: 'audio', url },
        { maxBytes: 1000 },
      ).catch((e) => e);
      expect(error).toBeInstanceOf(MediaFetchError);
      expect(error.failure).toBe('refused-host');
      expect(fakes.twilio.mediaFetches.length).toBe(fetches);
    });

    it.each([
      ['https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', 0, true],
      ['https://mms.twiliocdn.com/AC1/abc', 0, false],
      ['https://mms.twiliocdn.com/AC1/abc', 1, true],
      ['https://evil.com/?host=api.twilio.com', 1, false],
      ['http://127.0.0.1:8080/media', 0, false],
    ])('host rule: %s at hop %i allowed: %s', (url, hop, allowed) => {
      expect(twilioMediaHostAllowed(new URL(url), { APP_ENV: 'production' }, hop)).toBe(allowed);
    });
  });

  it('the queue codec carries the voice note and the transcribed mark', () => {
    const message: InboundMessage = {
      channel: 'telegram',
      userId: '1',
      address: '1',
      externalId: '9',
      kind: 'media',
      receivedAtMs: 1,
      media: { kind: 'audio', fileId: 'f', contentType: 'audio/ogg', durationSec: 3, sizeBytes: 12 },
    };
    expect(decodeInbound(inboundCodec.encode(message))).toEqual(message);
    const typed = { ...message, kind: 'text' as const, text: 'x', transcribed: true, media: undefined };
    expect(decodeInbound(inboundCodec.encode(typed))).toMatchObject({ transcribed: true, text: 'x' });
  });
});
