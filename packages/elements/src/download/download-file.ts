/**
 * Hands the person a file made here (a receipt, calendar reminders, an estimate): a hidden link
 * with `download`, clicked inside `root` (an element's shadow root, so no page style or script
 * sees it), its object URL freed once the browser has had time to read it.
 */
export function downloadFile(root: Node, contents: string, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
