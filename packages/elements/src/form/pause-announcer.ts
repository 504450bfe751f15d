import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A sentence that follows what is typed (a plan's schedule in words), announced politely once
 * typing pauses and only when it changed: not the first one, which is read with the form. The host
 * draws `announced` in a polite live region and calls `follow` after each update.
 */
export class PauseAnnouncer implements ReactiveController {
  /** What the live region says. */
  announced = '';
  readonly #host: ReactiveControllerHost;
  readonly #pauseMs: number;
  #last = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, pauseMs = 600) {
    this.#host = host;
    this.#pauseMs = pauseMs;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** The sentence as it is now ('' when there is none). */
  follow(sentence: string): void {
    if (sentence === this.#last) return;
    const first = this.#last === '';
    this.#last = sentence;
    clearTimeout(this.#timer);
    if (first || !sentence) return;
    this.#timer = setTimeout(() => {
      this.announced = sentence;
      this.#host.requestUpdate();
    }, this.#pauseMs);
  }
}
