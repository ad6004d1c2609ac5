import { Forbidden, Unauthenticated, ValidationFailed } from '../../domain/errors.ts';
import { can, type Actor } from '../actor.ts';
import type { GetTheme } from '../themes/get-theme.ts';
import { parseChannel, type Channel } from './channels.ts';

/**
 * Checks that the actor may subscribe to a channel: anyone to `themes` and to a theme they may
 * see (someone else's draft is not found, as over REST), a user to `me`, an admin to `admin`.
 * Each event is checked again when it is sent (channels.ts), so a later loss of access applies.
 */
export class SubscribeChannel {
  constructor(private readonly getTheme: GetTheme) {}

  async execute(actor: Actor, name: string): Promise<Channel> {
    const channel = parseChannel(name);
    if (!channel) throw ValidationFailed.field('channel', 'no such channel: themes, themes:<theme id>, me or admin');
    switch (channel.kind) {
      case 'themes':
        return channel;
      case 'theme':
        await this.getTheme.execute(actor, channel.themeId);
        return channel;
      case 'me':
        if (actor.kind !== 'user') throw new Unauthenticated('the channel me needs an access token');
        return channel;
      case 'admin':
        if (actor.kind === 'anonymous') throw new Unauthenticated('the channel admin needs an access token');
        if (!can(actor, 'audit:read')) throw new Forbidden('the channel admin is for administrators');
        return channel;
    }
  }
}
