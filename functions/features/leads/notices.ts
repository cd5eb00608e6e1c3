import type { CitizenNotice, Lead } from './model.js';
import { leadTexts } from './texts.js';

/** The notice telling the citizen an officer took their request (none once their data is erased). */
export function claimedNotice(lead: Lead): CitizenNotice | undefined {
  if (!lead.address || !lead.userId) return undefined;
  return {
    channel: lead.channel,
    userId: lead.userId,
    address: lead.address,
    reply: { text: leadTexts(lead.lang).claimed(lead.reference) },
  };
}

/** The notice telling the citizen the bot answers again (none once their data is erased). */
export function handBackNotice(lead: Lead): CitizenNotice | undefined {
  if (!lead.address || !lead.userId) return undefined;
  return {
    channel: lead.channel,
    userId: lead.userId,
    address: lead.address,
    reply: { text: leadTexts(lead.lang).handedBack },
  };
}
