/**
 * Every story of every element, as Storybook's static build shows it, in Debian's Chromium: the
 * build served from a local port, a browser whose clock, time zone and locale are fixed (stories
 * show dates relative to today), and a way to open a story and wait until it has rendered and
 * played.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { chromeArgs, findChrome, installHint } from '../../scripts/chrome.mjs';

export const STORYBOOK_DIR = 'storybook-static';
/** The moment every story is shown at: its dates, and times like "try again after 3:15 PM", never move. */
export const FIXED_NOW = new Date('2026-11-22T15:00:00.000Z');

/**
 * What a story may log as an error: the answers of its fake API that a browser logs (a story of a
 * declined card, a lookup not found, a server that is down).
 */
const EXPECTED_ERRORS: readonly RegExp[] = [/^Failed to load resource: the server responded with a status of \d+/];

export interface StoryEntry {
  readonly id: string;
  readonly title: string;
  readonly name: string;
  readonly importPath: string;
}

/** The stories of the build, from its index. */
export function storiesOfBuild(): StoryEntry[] {
  const index = JSON.parse(readFileSync(join(STORYBOOK_DIR, 'index.json'), 'utf8')) as { entries: Record<string, StoryEntry & { type: string }> };
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}

/** The docs page of each element (its stories with their controls and descriptions), from the build's index. */
export function docsOfBuild(): { readonly id: string; readonly title: string }[] {
  const index = JSON.parse(readFileSync(join(STORYBOOK_DIR, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; title: string; type: string }> };
  return Object.values(index.entries).filter((entry) => entry.type === 'docs');
}

export function storybookBuilt(): boolean {
  return existsSync(join(STORYBOOK_DIR, 'index.json'));
}

export interface StoryBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Where the build is served. */
  readonly origin: string;
  /**
   * Opens a story on `page` at `width` and waits until it has rendered and its play function ran;
   * `args` overrides some of the story's own, in Storybook's URL form (`lang:es`).
   */
  open(page: Page, story: StoryEntry, width: number, args?: string): Promise<void>;
  /** Makes the window `width` wide and waits until the page has laid itself out again. */
  resize(page: Page, width: number): Promise<void>;
  close(): Promise<void>;
}

/** Storybook's URL form of args (`lang:es;mode:x`) as an object. */
function argsOf(args: string | undefined): Record<string, string> | undefined {
  if (!args) return undefined;
  return Object.fromEntries(args.split(';').map((pair) => pair.split(':') as [string, string]));
}

/**
 * In the page: shows `storyId` through the preview's channel and resolves once it has rendered and
 * played (`storyFinished`); with `args`, the story shown now, with those args, played again from
 * the start (its args set, then remounted). False when the preview cannot (another story with
 * args): the caller loads the page.
 */
function switchStory({ storyId, args }: { storyId: string; args: Record<string, string> | undefined }): Promise<boolean> {
  interface Channel {
    on(event: string, listener: (payload: unknown) => void): void;
    off(event: string, listener: (payload: unknown) => void): void;
    emit(event: string, payload: unknown): void;
  }
  const scope = globalThis as { __STORYBOOK_ADDONS_CHANNEL__?: Channel; __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string } } };
  const channel = scope.__STORYBOOK_ADDONS_CHANNEL__;
  const current = scope.__STORYBOOK_PREVIEW__?.currentRender?.id;
  if (!channel || (args && current !== storyId)) return Promise.resolve(false);
  const next = (event: string, matches: (payload: unknown) => boolean) =>
    new Promise<void>((resolve) => {
      const listener = (payload: unknown) => {
        if (!matches(payload)) return;
        channel.off(event, listener);
        resolve();
      };
      channel.on(event, listener);
    });
  const finished = () => next('storyFinished', (payload) => (payload as { storyId?: string }).storyId === storyId);
  const shown = async () => {
    if (!args) {
      const done = finished();
      // The story shown now, shown again: from the start.
      channel.emit(current === storyId ? 'forceRemount' : 'setCurrentStory', { storyId, viewMode: 'story' });
      return done;
    }
    const updated = next('storyArgsUpdated', (payload) => (payload as { storyId?: string }).storyId === storyId);
    channel.emit('updateStoryArgs', { storyId, updatedArgs: args });
    await updated;
    const done = finished();
    channel.emit('forceRemount', { storyId });
    return done;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${storyId} did not finish rendering in 30 s`)), 30_000)));
  return Promise.race([shown(), late]).then(() => {
    clearTimeout(timer);
    return true;
  });
}

/** Waits `ms`, then two frames: what was scheduled has run and been laid out. */
function settle(page: Page, ms: number): Promise<unknown> {
  return page.evaluate((wait) => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), wait)), ms);
}

export async function startStoryBrowser(): Promise<StoryBrowser> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(installHint);
  const app = new Hono().use('*', serveStatic({ root: STORYBOOK_DIR }));
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: chromeArgs });
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.clock.setFixedTime(FIXED_NOW);
  // tsx names functions it compiles with a helper the page does not have; layoutProblems is one.
  await context.addInitScript(() => {
    (globalThis as { __name?: unknown }).__name = (fn: unknown) => fn;
  });
  return {
    browser,
    context,
    origin,
    async open(page, story, width, args) {
      await page.setViewportSize({ width, height: 900 });
      // A story whose play function threw still renders (what it had done so far), and Storybook
      // calls it finished: what it logged as an error tells.
      const errors: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() === 'error' && !EXPECTED_ERRORS.some((expected) => expected.test(message.text()))) errors.push(message.text().split('\n')[0]!);
      };
      const onPageError = (error: Error) => errors.push(error.message);
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      try {
        await openStory(page, story, args);
      } finally {
        page.off('console', onConsole);
        page.off('pageerror', onPageError);
      }
      if (errors.length > 0) throw new Error(`${story.id} logged errors: ${errors.join('; ')}`);
    },
    async resize(page, width) {
      await page.setViewportSize({ width, height: 900 });
      await settle(page, 20);
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function openStory(page: Page, story: StoryEntry, args?: string) {
    // A page that shows a story already is told to show the next (as Storybook's own UI does),
    // not loaded again: loading the preview for each story took about a fifth of their time.
    if (page.url().startsWith(`${origin}/iframe.html`) && (await page.evaluate(switchStory, { storyId: story.id, args: argsOf(args) }))) {
      await settle(page, 100);
      return;
    }
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story${args ? `&args=${args}` : ''}`);
    await page.waitForFunction(
      () => {
        const phase = (globalThis as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase;
        return phase === 'completed' || phase === 'finished' || phase === 'errored' || phase === 'aborted';
      },
      undefined,
      { timeout: 30_000 },
    );
    // What the elements do after their first render (an answer of the fake API, a focus move).
    await settle(page, 100);
  }
}
