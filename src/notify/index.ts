/** Notifications: channels (webhook, Slack, JSONL file, e-mail, ntfy, Discord, Teams, Mattermost, Apprise) fed from the outbox with retries. */
export { closeChannels, createChannels, createChannel, type Channel, type ChannelDeps } from './channels.ts';
export { MAX_REPLY_BYTES } from './post-json.ts';
export { deliverDue, ruled, type DeliverDeps, type DeliverySummary } from './deliver-outbox.ts';
export { defaultDeliveryPolicy, type DeliveryPolicy } from './delivery-policy.ts';
export { DeliveryError } from './delivery-error.ts';
export { signBody, verifySignature } from './sign-body.ts';
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, type Notification } from './notification.ts';
export { buildNotification, type NotificationLinks } from './build-notification.ts';
export { alertRulesOf, type AlertRules, type AppliedRule } from './alert-rules.ts';
