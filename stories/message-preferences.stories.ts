import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@billpay/elements/message-preferences/define.js';
import type { MessagePreferences } from '@billpay/elements';
import { driveTo, preferencesSession, renderMessagePreferences, type MessagePreferencesArgs, type PreferencesSession } from './support/message-preferences.js';

const meta = {
  title: 'Elements/message-preferences',
  component: 'message-preferences',
  tags: ['autodocs'],
  args: { lang: 'en', start: 'imported', step: 'choices', delayMs: 0 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    start: { control: 'inline-radio', options: ['imported', 'all-on', 'stopped'] },
    step: { control: 'select', options: ['choices', 'address', 'code', 'wrong-code', 'expired', 'too-many-attempts', 'paperless-refused'] },
  },
  parameters: {
    docs: { description: { component: 'Paperless statements and statement alerts by email and text, each turned on by a code sent to the address.' } },
  },
  loaders: [async ({ args }) => preferencesSession(args)],
  render: (args, { loaded }) => renderMessagePreferences(args, loaded as PreferencesSession),
  play: async ({ canvasElement, args, loaded }) => {
    await driveTo(canvasElement.querySelector<MessagePreferences>('message-preferences')!, args.step, (loaded as PreferencesSession).api);
  },
} satisfies Meta<MessagePreferencesArgs>;

export default meta;
type Story = StoryObj<MessagePreferencesArgs>;

/** As imported: statement emails to the address on file, a mobile number on file but no texts without consent. */
export const AsImported: Story = {};
export const AsImportedSpanish: Story = { args: { lang: 'es' } };

/** Loading the patient's choices. */
export const Loading: Story = { args: { delayMs: Infinity } };
export const LoadingSpanish: Story = { args: { delayMs: Infinity, lang: 'es' } };

/** Email and texts on, paperless. */
export const AllOn: Story = { args: { start: 'all-on' } };
export const AllOnSpanish: Story = { args: { start: 'all-on', lang: 'es' } };

/** Texts off because the patient replied STOP. */
export const StoppedByReply: Story = { args: { start: 'stopped' } };
export const StoppedByReplySpanish: Story = { args: { start: 'stopped', lang: 'es' } };

/** Turning texts on: the number on file or another, and the consent's words. */
export const ChooseNumber: Story = { args: { step: 'address' } };
export const ChooseNumberSpanish: Story = { args: { step: 'address', lang: 'es' } };

/** The code was sent: one field for it. */
export const CodeSent: Story = { args: { step: 'code' } };
export const CodeSentSpanish: Story = { args: { step: 'code', lang: 'es' } };

/** A wrong code. */
export const WrongCode: Story = { args: { step: 'wrong-code' } };
export const WrongCodeSpanish: Story = { args: { step: 'wrong-code', lang: 'es' } };

/** The code expired (10 minutes). */
export const ExpiredCode: Story = { args: { step: 'expired' } };
export const ExpiredCodeSpanish: Story = { args: { step: 'expired', lang: 'es' } };

/** Five wrong codes: a new one is needed. */
export const TooManyAttempts: Story = { args: { step: 'too-many-attempts' } };
export const TooManyAttemptsSpanish: Story = { args: { step: 'too-many-attempts', lang: 'es' } };

/** Paperless asked for with no channel on. */
export const PaperlessRefused: Story = { args: { step: 'paperless-refused' } };
export const PaperlessRefusedSpanish: Story = { args: { step: 'paperless-refused', lang: 'es' } };
