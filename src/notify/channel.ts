import type { ChannelConfig } from '../config/schema.ts';
import type { Resolve } from '../fetch/address-guard.ts';
import type { Notification } from './notification.ts';

/** Somewhere a notification can be sent. Throws `DeliveryError` (its `retryable` decides). */
export interface Channel {
  readonly name: string;
  readonly type: ChannelConfig['type'];
  send(n: Notification): Promise<void>;
  /** Closes the channel's connections. */
  close(): Promise<void>;
}

export interface ChannelDeps {
  /** Relative file-channel paths are resolved from here (the working directory). */
  baseDir: string;
  /** One deadline per attempt, whatever the channel: an HTTP post, an SMTP session, an Apprise run. */
  timeoutMs: number;
  /** DNS for the address guard; injectable so tests can fake answers (default: the system's). */
  resolve?: Resolve;
  /** The environment an `apprise` command runs in, PATH included (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /**
   * Certificates an SMTP server's may chain to besides the system's (default: none). For tests
   * and private relays with their own CA; never a way to skip verification.
   */
  smtpCa?: string;
}

/** The config of one channel type. */
export type ChannelConfigOf<T extends ChannelConfig['type']> = Extract<ChannelConfig, { type: T }>;
