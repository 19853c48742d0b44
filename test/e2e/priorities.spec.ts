import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { E2E_ADMIN } from './accounts-fixture.js';
import { saveScreenshot } from './helpers.js';

/**
 * The yearly prioritised list from draft to publication (issue 12): the seeded admin of county:21 (server.ts)
 * invites a strategist and two municipalities through the API; the strategist opens a round from the draft in the
 * workshop and sends it to consultation; Gävle rates on a phone and proposes an addition, Sandviken through the
 * API; both disagree with the draft's top candidate, so keeping it needs a rationale (shown as the API's
 * validation message). A write behind the page's back gives 409, a clear message and a reload. The strategist
 * decides and publishes; the public page shows the list, its XLSX reads back with exceljs, the print view renders
 * and the server-made PDF reads back with unpdf; a sector page is opened on a phone and its text written. Axe runs
 * on the workshop, voting and sector pages.
 */

const YEAR = new Date().getFullYear() + 1;
const PHONE = { width: 390, height: 844 };
const STRATEG = {
  email: 'strateg.prio.e2e@region-gavleborg.example',
  name: 'Stina Strateg',
  password: 'e2e-strateg-prio-2026',
};
const GAVLE = {
  email: 'gavle.prio.e2e@gavle.example',
  name: 'Gustav Gävle',
  password: 'e2e-kommun-gavle-2026',
  org: 'municipality:2180',
};
const SANDVIKEN = {
  email: 'sandviken.prio.e2e@sandviken.example',
  name: 'Sara Sandviken',
  password: 'e2e-kommun-sandviken-2026',
  org: 'municipality:2181',
};

async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} – ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
  expect(serious, label).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(1);
}

async function apiSignIn(request: APIRequestContext, origin: string, email: string, password: string) {
  const res = await request.post('/api/auth/login', { data: { email, password }, headers: { origin } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Invites a user as the admin and accepts the invitation in a new browser context, which stays signed in. */
async function invitedUser(
  browser: Browser,
  admin: APIRequestContext,
  origin: string,
  user: { email: string; name: string; password: string },
  role: string,
  organisationId: string,
  viewport?: { width: number; height: number },
) {
  const invited = await admin.post('/api/admin/users', {
    data: { email: user.email, name: user.name, role, region: 'county:21', organisationId },
    headers: { origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await admin.get('/api/admin/outbox')).json()) as {
    messages: Array<{ to: string; body: string }>;
  };
  const token = outbox.messages.find((m) => m.to === user.email)?.body.match(/inbjudan=([\w-]+)/)?.[1];
  expect(token).toBeTruthy();
  const context = await browser.newContext(viewport ? { viewport } : {});
  const accepted = await context.request.post('/api/auth/invitation', {
    data: { token, password: user.password, name: user.name },
    headers: { origin },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
  return context;
}

interface Candidate {
  ssyk: string;
  name: string;
  proposed: boolean;
  tally: { majority: string | null };
}

test('a round goes from draft through consultation and decision to a published list with XLSX and print', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(330_000);
  const origin = baseURL as string;
  const adminContext = await browser.newContext();
  await apiSignIn(adminContext.request, origin, E2E_ADMIN.email, E2E_ADMIN.password);
  const strategist = await invitedUser(
    browser,
    adminContext.request,
    origin,
    STRATEG,
    'strateg',
    'county:21',
  );
  const gavle = await invitedUser(browser, adminContext.request, origin, GAVLE, 'kommun', GAVLE.org, PHONE);
  const sandviken = await invitedUser(
    browser,
    adminContext.request,
    origin,
    SANDVIKEN,
    'kommun',
    SANDVIKEN.org,
  );
  await adminContext.close();

  // The strategist opens the round from the draft in the workshop.
  const page = await strategist.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Prioritering', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prioriteringsarbete' })).toBeVisible();
  await page.getByLabel('År').fill(String(YEAR));
  await page.getByRole('button', { name: 'Skapa omgången' }).click();
  await expect(page).toHaveURL(/\/prioriteringar\/arbete\/[\w-]+$/);
  const roundId = new URL(page.url()).pathname.split('/').pop() as string;
  await expect(page.getByTestId('round-state')).toContainText('Utkast');
  await page.getByRole('button', { name: 'Skicka på samråd' }).click();
  await expect(page.getByTestId('round-state')).toContainText('Samråd');

  const detail = (await (await strategist.request.get(`/api/prioritisations/${roundId}`)).json()) as {
    candidates: Candidate[];
  };
  const top = detail.candidates.find((c) => c.proposed) as Candidate;
  const other = detail.candidates.find((c) => c.proposed && c.ssyk !== top.ssyk) as Candidate;
  const addition = detail.candidates.find((c) => !c.proposed) as Candidate;
  expect(top && other && addition).toBeTruthy();

  // Gävle, on a phone: disagrees with the top candidate, agrees with another, proposes an addition.
  const voter = await gavle.newPage();
  await voter.goto('/');
  await voter.getByRole('link', { name: 'Prioritering', exact: true }).click();
  await voter.getByRole('link', { name: `Prioritering ${YEAR}` }).click();
  await expect(voter).toHaveURL(new RegExp(`/prioriteringar/remiss/${roundId}$`));
  const topCard = voter.locator(`li[data-ssyk="${top.ssyk}"]`);
  await topCard.getByLabel('Instämmer inte', { exact: true }).check();
  await topCard.getByLabel('Kommentar (frivillig)').fill('Få arbetsgivare hos oss efterfrågar yrket.');
  await voter.locator(`li[data-ssyk="${other.ssyk}"]`).getByLabel('Instämmer', { exact: true }).check();
  await voter.getByRole('button', { name: 'Spara ställningstagandena' }).click();
  await expect(voter.getByRole('status').filter({ hasText: '2 ställningstaganden sparade' })).toBeVisible();
  await voter.getByLabel('Yrke', { exact: true }).selectOption(addition.ssyk);
  await voter.getByLabel('Skäl').fill('Stort behov i kommunens äldreomsorg.');
  await voter.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(voter.getByText('Förslaget är skickat.')).toBeVisible();
  await expectNoSeriousAxeViolations(voter, '/prioriteringar/remiss');
  await saveScreenshot(voter, 'prioritering-remiss-mobil', { fullPage: false });

  // Sandviken through the API: also disagrees, so the majority wants the top candidate off the list.
  const votes = await sandviken.request.put(`/api/prioritisations/${roundId}/votes`, {
    data: { votes: [{ ssyk: top.ssyk, vote: 'disagree', comment: null }] },
    headers: { origin },
  });
  expect(votes.status(), await votes.text()).toBe(200);

  // The workshop: votes side by side; keeping the top candidate departs from the majority.
  await page.reload();
  await page.getByLabel('Sök yrke').fill(top.name);
  const row = page.locator(`tr[data-ssyk="${top.ssyk}"]`);
  await expect(row).toContainText('Gävle');
  await expect(row).toContainText('Få arbetsgivare hos oss efterfrågar yrket.');
  await expect(row).toContainText('Avviker från kommunernas majoritet.');
  await expect(page.getByText('föreslaget av Gävle')).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/prioriteringar/arbete/:id');
  await saveScreenshot(page, 'prioritering-verkstad', { fullPage: false });
  await row.getByLabel('Strategiskt bristyrke').check();
  await page.getByRole('button', { name: 'Spara 1 beslut' }).click();
  await expect(row.getByText('Skriv en motivering')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('En motivering krävs');

  // Someone else saves meanwhile: the page's version is stale, so the save answers 409 and the page reloads.
  const fresh = (await (await strategist.request.get(`/api/prioritisations/${roundId}`)).json()) as {
    version: number;
  };
  const behind = await strategist.request.put(`/api/prioritisations/${roundId}/decisions`, {
    data: { version: fresh.version, decisions: [{ ssyk: other.ssyk, include: true, strategic: false }] },
    headers: { origin },
  });
  expect(behind.status(), await behind.text()).toBe(200);
  await row
    .getByLabel('Motivering (krävs)')
    .fill('Regionens strategi för industrin väger tyngre än det lokala behovet.');
  await page.getByRole('button', { name: 'Spara 1 beslut' }).click();
  await expect(page.getByText('Någon annan har ändrat omgången')).toBeVisible();
  await page.getByRole('button', { name: 'Spara 1 beslut' }).click();
  await expect(page.getByText('Besluten är sparade.')).toBeVisible();
  // The same workshop on a phone: each candidate a card, nothing wider than the screen.
  await page.setViewportSize(PHONE);
  await expect(row).toContainText('Avviker från kommunernas majoritet.');
  await expectNoSeriousAxeViolations(page, '/prioriteringar/arbete/:id at 390 px');
  await saveScreenshot(page, 'prioritering-verkstad-mobil', { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Avsluta samrådet och markera som beslutad' }).click();
  await expect(page.getByTestId('round-state')).toContainText('Beslutad');
  await page.getByRole('button', { name: 'Publicera listan' }).click();
  await expect(page.getByText('Version 1 är publicerad.')).toBeVisible();
  await page.getByRole('link', { name: 'Se den publicerade listan' }).click();

  // The public page, its XLSX and the print view.
  await expect(page).toHaveURL(new RegExp(`/prioriteringar/county(:|%3A)21/${YEAR}`));
  await page.goto(`/prioriteringar/county:21/${YEAR}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Prioriterade bristyrken i Gävleborgs län ${YEAR}` }),
  ).toBeVisible();
  const listed = page.getByRole('listitem').filter({ hasText: top.name }).first();
  await expect(listed).toContainText('strategiskt bristyrke');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const cells: string[] = [];
  workbook.worksheets[0]?.eachRow((r) => {
    r.eachCell((c) => {
      cells.push(String(c.value));
    });
  });
  expect(cells).toContain(top.name);
  expect(cells).toContain(other.name);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await saveScreenshot(page, 'prioritering-utskrift');
  await page.emulateMedia({ media: 'screen' });

  // The server-made PDF reads back with the list in it.
  const [pdfDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF' }).click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(await pdfDownload.path())));
  const pdfText = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
  expect(pdfText).toContain(`Prioriterade bristyrken i Gävleborgs län ${YEAR}`);
  expect(pdfText).toContain(top.name.replace(/\s+/g, ' '));

  // Sector pages: the fields of the region, one field's page on a phone, the strategist writes its text.
  await page.getByRole('link', { name: 'Sektorssidor per yrkesområde' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Yrkesområden i Gävleborgs län' })).toBeVisible();
  await page.setViewportSize(PHONE);
  await page.locator('.sector-index a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('i Gävleborgs län');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Mycket lätt att få jobb', exact: true }),
  ).toBeVisible();
  await page.getByLabel('Text på svenska').fill('Regionen satsar på yrkesområdet.');
  await page.getByRole('button', { name: 'Spara texten' }).click();
  await expect(page.getByText('Texten är sparad.')).toBeVisible();
  await expect(page.locator('.sector-narrative')).toContainText('Regionen satsar på yrkesområdet.');
  await expectNoSeriousAxeViolations(page, 'sector page at 390 px');

  await strategist.close();
  await gavle.close();
  await sandviken.close();
});

test('the strategist changes the list settings and strategic weights on a phone, the draft applies them, a stale save answers 409, and the defaults come back', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  const adminContext = await browser.newContext();
  await apiSignIn(adminContext.request, origin, E2E_ADMIN.email, E2E_ADMIN.password);
  // Its own strategist: the round test above may or may not have run (`-g`), and invitations are one per address.
  const strategist = await invitedUser(
    browser,
    adminContext.request,
    origin,
    { ...STRATEG, email: 'strateg.installningar.e2e@region-gavleborg.example' },
    'strateg',
    'county:21',
    PHONE,
  );
  await adminContext.close();
  const readSettings = async () =>
    (await (await strategist.request.get('/api/prioritisations/settings?region=county:21')).json()) as {
      weights: Record<string, number>;
      listSize: number | null;
      strategic: Record<string, number>;
      version: number;
    };
  const page = await strategist.newPage();
  await page.goto('/prioriteringar/installningar');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inställningar för prioriteringslistan' }),
  ).toBeVisible();
  const listSize = page.getByLabel('Antal yrken per nivå');
  const severity = page.getByLabel('Bristens styrka');
  // The defaults: empty fields, each with the method's value as its description.
  await expect(listSize).toHaveValue('');
  await expect(listSize).toHaveAccessibleDescription(/Standard 15/);
  await expect(severity).toHaveValue('');
  await expect(severity).toHaveAccessibleDescription('Standard 0,3');
  await expectNoSeriousAxeViolations(page, '/prioriteringar/installningar at 390 px');
  await saveScreenshot(page, 'prioritering-installningar-mobil', { fullPage: false });

  await listSize.fill('12');
  await severity.fill('0,4');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status')).toContainText('Inställningarna är sparade.');
  await page.reload();
  await expect(listSize).toHaveValue('12');
  await expect(severity).toHaveValue('0,4');
  expect((await readSettings()).weights.severity).toBe(0.4);

  // Strategic weights: a field from the select and an occupation from the picker, on the phone. The public draft
  // reads the saved settings: the occupation's own weight wins over its field's, the field's other occupations get
  // the field's.
  const draftStrategic = async () => {
    const draft = (await (await strategist.request.get('/api/priorities/draft?geo=county:21')).json()) as {
      strategic?: Record<string, number>;
      rows: Array<{ ssyk: string; fieldId: string | null; components: { strategic: { value: number } } }>;
    };
    return { applied: draft.strategic, rows: draft.rows };
  };
  const { fields } = (await (await strategist.request.get('/api/occupation-fields')).json()) as {
    fields: Array<{ id: string; nameSv: string }>;
  };
  const bygg = fields.find((f) => f.nameSv === 'Bygg och anläggning')?.id as string;
  expect(bygg).toBeTruthy();
  expect((await draftStrategic()).rows.find((r) => r.ssyk === '7114')?.components.strategic.value).toBe(0);
  await expect(page.getByText('Inga strategiska vikter är satta')).toBeVisible();
  await page.getByLabel('Lägg till ett yrkesområde').selectOption({ label: 'Bygg och anläggning' });
  await page.getByRole('button', { name: 'Lägg till yrkesområdet' }).click();
  const fieldWeight = page.getByLabel('Strategisk vikt för yrkesområdet Bygg och anläggning');
  await expect(fieldWeight).toBeFocused();
  await fieldWeight.fill('0,5');
  await page.getByRole('combobox', { name: 'Lägg till ett yrke', exact: true }).fill('anläggningsarbetare');
  await page.getByRole('option', { name: /SSYK 7114/ }).click();
  const occupationWeight = page.getByLabel('Strategisk vikt för Anläggningsarbetare (SSYK 7114)');
  await expect(occupationWeight).toBeFocused();
  await expect(page.getByText('Egen vikt: gäller före vikten för Bygg och anläggning')).toBeVisible();
  // Saved without the occupation's weight: nothing is sent, the message names the row.
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Kontrollera den strategiska vikten för Anläggningsarbetare (SSYK 7114)',
  );
  await expect(occupationWeight).toHaveAttribute('aria-invalid', 'true');
  await occupationWeight.fill('1');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status')).toContainText('Inställningarna är sparade.');
  await page.reload();
  await expect(fieldWeight).toHaveValue('0,5');
  await expect(occupationWeight).toHaveValue('1');
  await expectNoSeriousAxeViolations(page, 'strategic weights at 390 px');
  await page.getByRole('group', { name: 'Strategiska vikter' }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'prioritering-strategiska-vikter-mobil', { fullPage: false });
  const applied = await draftStrategic();
  expect(applied.applied).toEqual({ [bygg]: 0.5, '7114': 1 });
  expect(applied.rows.find((r) => r.ssyk === '7114')?.components.strategic.value).toBe(1);
  const byggRows = applied.rows.filter((r) => r.fieldId === bygg && r.ssyk !== '7114');
  expect(byggRows.length).toBeGreaterThan(0);
  expect(byggRows.every((r) => r.components.strategic.value === 0.5)).toBe(true);

  // Someone saves behind the page's back: the page's version is stale, the save answers 409 with a clear message.
  const current = await readSettings();
  const behind = await strategist.request.put('/api/prioritisations/settings', {
    data: { region: 'county:21', ...current, listSize: 11 },
    headers: { origin },
  });
  expect(behind.status(), await behind.text()).toBe(200);
  await listSize.fill('10');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status')).toContainText('Någon annan har sparat inställningarna');
  expect((await readSettings()).listSize).toBe(11);

  // Back to the defaults (empty fields), so later tests draft with the method's values.
  await page.reload();
  await expect(listSize).toHaveValue('11');
  await listSize.fill('');
  await severity.fill('');
  await page.getByRole('button', { name: /Ta bort yrkesområdet Bygg och anläggning/ }).click();
  await page.getByRole('button', { name: /Ta bort Anläggningsarbetare \(SSYK 7114\)/ }).click();
  await expect(page.getByText('Inga strategiska vikter är satta')).toBeVisible();
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status')).toContainText('Inställningarna är sparade.');
  const restored = await readSettings();
  expect(restored.weights).toEqual({});
  expect(restored.listSize).toBeNull();
  expect(restored.strategic).toEqual({});
  await strategist.close();
});
