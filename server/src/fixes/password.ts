import { randomInt } from "node:crypto";
import type { FixContext } from "./types.ts";

/**
 * Letters and digits only: no quote, `#`, `!`, `$`, `{` or blank that keepalived's reader would treat specially.
 * 62^8 is about 2^47.6, the most an 8-byte VRRP password holds in this alphabet.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const PASSWORD_LENGTH = 8;

export function randomPassword(): string {
  let out = "";
  for (let i = 0; i < PASSWORD_LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)]!;
  return out;
}

export function newPassword(ctx: FixContext): string {
  return ctx.password?.() ?? randomPassword();
}
