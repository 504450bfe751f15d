import { MessagePreferences } from './message-preferences.js';

if (!customElements.get('message-preferences')) customElements.define('message-preferences', MessagePreferences);

declare global {
  interface HTMLElementTagNameMap {
    'message-preferences': MessagePreferences;
  }
}

export { MessagePreferences };
