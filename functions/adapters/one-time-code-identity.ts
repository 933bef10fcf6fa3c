import { randomInt } from 'node:crypto';
import type { IdentityProvider, PortalUser, SignInStart } from '#core/ports.ts';

// No 0/O, 1/I/L: a code read off a terminal is typed without doubt.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Sign-in on this machine: `hsr serve` issues a one-time code for each demo user and prints it.
 * A code proves its user once; nothing is kept on disk, so no password sits in the repository.
 */
export class OneTimeCodeIdentity implements IdentityProvider {
  private readonly codes = new Map<string, PortalUser>();

  /** A fresh code for a user: 10 letters and digits (about 50 bits), shown as XXXXX-XXXXX. */
  issue(user: PortalUser): string {
    let code = '';
    for (let i = 0; i < 10; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
    const shown = `${code.slice(0, 5)}-${code.slice(5)}`;
    this.codes.set(code, user);
    return shown;
  }

  start(): SignInStart {
    return { kind: 'form' };
  }

  async complete(request: { readonly code: string }): Promise<PortalUser | undefined> {
    const code = request.code.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const user = this.codes.get(code);
    if (user) this.codes.delete(code);
    return user;
  }
}
