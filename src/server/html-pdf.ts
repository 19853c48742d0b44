import { chromium } from 'playwright-core';

/**
 * Prints a self-contained HTML document to PDF in Chromium (SEMAFOR_CHROMIUM, default /usr/bin/chromium). Shared by
 * the server-made documents (the education evidence pack, the published prioritised list). The documents have no
 * scripts or external resources; every request is blocked anyway, so a printed page cannot reach the network.
 */
export async function htmlToPdf(
  html: string,
  options: { margin?: { top?: string; bottom?: string; left?: string; right?: string } } = {},
): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: process.env.SEMAFOR_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: options.margin });
  } finally {
    await browser.close();
  }
}
