// Pure functions behind the guest book: phone numbers to E.164, and the folded text the door's
// search runs on. No database here, so the factories, the CSV import and the tests share them.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/** Letters NFD does not take apart, folded the way a person at the door would type them. */
const FOLDS: Record<string, string> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ı: "i",
};
const FOLD_PATTERN = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "g");

/**
 * Lower case without accents: "Zoë Müller" -> "zoe muller", "Łukasz Søren" -> "lukasz soren".
 * NFD splits a letter from its combining marks, which are then dropped.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(FOLD_PATTERN, (letter) => FOLDS[letter] ?? letter)
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What EventGuest.searchText holds: folded name and email, and the phone number's digits
 * without the "+" ("zoe muller zoe.mueller@example.com 4915123456789"). A national number
 * typed at the door ("0151 2345...") is a substring of those digits once its leading zeros go.
 */
export function guestSearchText(guest: { fullName: string; email?: string | null; phoneNumber?: string | null }): string {
  return [foldText(guest.fullName), guest.email ? foldText(guest.email) : "", guest.phoneNumber?.replace(/\D/g, "") ?? ""].filter(Boolean).join(" ");
}

/** "First Last", with the parts trimmed. */
export function fullNameOf(firstName: string, lastName: string): string {
  return `${firstName.trim()} ${lastName.trim()}`.trim();
}

/** A query that is only a phone number: digits and the usual punctuation. */
const PHONE_QUERY = /^[+\d\s()./-]+$/;

/**
 * The search terms of a door query, each to be found somewhere in searchText (all of them).
 * A phone-like query becomes one term of its digits without leading zeros ("0151 234" ->
 * "151234", "+49 151" -> "49151"), so national and international forms both match.
 */
export function searchTerms(query: string): string[] {
  if (PHONE_QUERY.test(query) && /\d/.test(query)) {
    const digits = query.replace(/\D/g, "").replace(/^0+/, "");
    return digits ? [digits] : [];
  }
  return foldText(query).split(" ").filter(Boolean);
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/**
 * A phone number in E.164 ("+4915123456789"). Without a default country the number must be
 * international (start with "+"); with one ("DE"), national forms ("0151 23456789") are read
 * as that country's. Numbers that cannot exist (wrong length or prefix) are refused.
 */
export function toE164(raw: string, defaultCountry?: string): PhoneResult {
  const text = raw.trim();
  if (!text.startsWith("+") && !defaultCountry) {
    return {
      ok: false,
      message: "must be in international format starting with + (e.g. +4915123456789), or send defaultCountry",
    };
  }
  const country = defaultCountry && isCountryCode(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) {
    return { ok: false, message: `is not a valid phone number${country ? ` (read as ${country} when national)` : ""}` };
  }
  return { ok: true, e164: parsed.number };
}
