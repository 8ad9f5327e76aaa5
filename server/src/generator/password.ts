import { randomInt } from "node:crypto";
import { isPlaceholderPassword } from "../checks/auth-pass.ts";

/** keepalived keeps this many bytes of auth_pass (VRRPv2 simple authentication carries 8 octets). */
export const PASSWORD_LENGTH = 8;

/**
 * Characters of generated passwords: letters and digits without the look-alikes (0/O, 1/l/I), so an operator can
 * read one off a screen and type it on the other node. Nothing keepalived reads specially: `#` and `!` start
 * comments, quotes and spaces split words, `$` and braces are its variables and blocks, `;` is no separator.
 */
export const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** What a user may type: the alphabet above, the look-alikes, and punctuation keepalived takes literally. */
const TYPED_PASSWORD = /^[A-Za-z0-9\-_.+=%:,/^~*]+$/;
export const TYPED_PASSWORD_CHARACTERS = "A-Z a-z 0-9 - _ . + = % : , / ^ ~ *";

/** A source of uniform integers in [0, n): node:crypto by default; tests inject a seeded one. */
export type RandomIndex = (n: number) => number;

export const cryptoRandomIndex: RandomIndex = (n) => randomInt(n);

/** 8 characters from a cryptographic source; never one that reads as a placeholder (vanishingly rare anyway). */
export function generatePassword(random: RandomIndex = cryptoRandomIndex): string {
  for (;;) {
    let password = "";
    for (let i = 0; i < PASSWORD_LENGTH; i++) password += PASSWORD_ALPHABET[random(PASSWORD_ALPHABET.length)]!;
    if (!isPlaceholderPassword(password)) return password;
  }
}

/** Why a typed password will not do, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length === 0) return "the VRRP password is empty (expected 1 to 8 characters, the same on both nodes)";
  if (Buffer.byteLength(password, "utf8") > PASSWORD_LENGTH) {
    return `the VRRP password is ${Buffer.byteLength(password, "utf8")} bytes long: keepalived uses only the first ${PASSWORD_LENGTH} (expected at most ${PASSWORD_LENGTH} characters)`;
  }
  if (!TYPED_PASSWORD.test(password)) {
    return `the VRRP password contains characters keepalived reads specially (# and ! start comments, quotes and spaces split words, $ and braces are variables and blocks); expected only ${TYPED_PASSWORD_CHARACTERS}`;
  }
  if (isPlaceholderPassword(password)) {
    return `'${password}' is a placeholder that guides and templates use: anyone who read them knows it (expected your own 8 characters, or leave it out for a random one)`;
  }
  return undefined;
}
