const PRACTICE_KEY = 'billpay-console-practice';

/** The practice signed in to last on this browser (not secret), so the next sign-in need not type it. */
export function rememberedPractice(): string {
  try {
    return localStorage.getItem(PRACTICE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberPractice(practice: string): void {
  try {
    localStorage.setItem(PRACTICE_KEY, practice);
  } catch {
    // Not kept; typed again next time.
  }
}
