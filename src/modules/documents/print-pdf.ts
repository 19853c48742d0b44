import { chromium } from 'playwright-core';

/**
 * Prints a self-contained HTML document (no scripts, no external resources) to an A4 PDF in Chromium
 * (SEMAFOR_CHROMIUM, default /usr/bin/chromium). Shared by the documents the server makes as PDF: the education
 * evidence pack, the published prioritised list and the learning centres' grant report. Every request is
 * blocked, so a printed page cannot reach the network.
 */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: process.env.SEMAFOR_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    // The document has no scripts or external resources; block any request anyway.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '0', bottom: '0' } });
  } finally {
    await browser.close();
  }
}
