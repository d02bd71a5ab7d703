import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

type Row = Record<string, unknown>;

/** Excerpts of Plaid's official spec (source, version and licence inside the file). */
const spec = JSON.parse(
  readFileSync(new URL('./test-data/plaid-item-spec-excerpt.json', import.meta.url), 'utf8'),
) as {
  itemWebhookUpdateResponse: { item: string };
  itemGetResponse: { item: string };
  Item: { properties: string[]; required: string[] };
  ItemWithConsentFields: { addedProperties: string[] };
  sandboxItemResetLoginDescription: string;
  linkTokenCreateWebhookDescription: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

describe('emulated Plaid Items against the spec', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const events = async () => (await emulator.control.state()).plaid['webhookEvents'] as Row[];

  // Source: plaid-2020-09-14.yml (1.697.4): `/item/webhook/update` answers ItemWebhookUpdateResponse, whose
  // `item` is `#/components/schemas/Item`; only `/item/get` answers `ItemWithConsentFields` (Item + created_at,
  // consented_use_cases, consented_data_scopes).
  it('/item/webhook/update answers a plain Item (no created_at); /item/get adds the consent fields', async () => {
    expect(spec.itemWebhookUpdateResponse.item).toBe('#/components/schemas/Item');
    expect(spec.itemGetResponse.item).toBe('#/components/schemas/ItemWithConsentFields');
    const { accessToken } = await linkSandboxItem(emulator, {});
    const updated = await plaidPost(emulator, '/item/webhook/update', {
      access_token: accessToken,
      webhook: 'https://example.com/hook',
    });
    expect(updated.status).toBe(200);
    const item = updated.body['item'] as Row;
    for (const field of spec.Item.required) expect(Object.keys(item), field).toContain(field);
    expect(Object.keys(item).filter((key) => !spec.Item.properties.includes(key))).toEqual([]);
    expect(item).not.toHaveProperty('created_at');
    const read = (await plaidPost(emulator, '/item/get', { access_token: accessToken })).body['item'] as Row;
    const allowed = [...spec.Item.properties, ...spec.ItemWithConsentFields.addedProperties];
    expect(Object.keys(read).filter((key) => !allowed.includes(key))).toEqual([]);
    expect(read).toHaveProperty('created_at');
  });

  // Source: plaid-2020-09-14.yml (1.697.4), LinkTokenCreateRequest.webhook: "In update mode, this field will not
  // have an effect; to update the webhook receiver endpoint for an existing Item, use `/item/webhook/update`
  // instead." So an update-mode link token naming a new URL leaves the Item's webhook alone, and
  // /item/webhook/update is what moves it (acknowledged at the new URL).
  it("update mode does not move an Item's webhook URL; /item/webhook/update does", async () => {
    expect(spec.linkTokenCreateWebhookDescription).toContain(
      'In update mode, this field will not have an effect; to update the webhook receiver endpoint for an existing Item, use `/item/webhook/update` instead.',
    );
    const before = 'https://example.com/hooks/old';
    const after = 'https://example.com/hooks/new';
    const { accessToken, itemId } = await linkSandboxItem(emulator, { webhook: before });
    const webhookOf = async () =>
      ((await plaidPost(emulator, '/item/get', { access_token: accessToken })).body['item'] as Row)[
        'webhook'
      ];
    expect(await webhookOf()).toBe(before);

    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const link = await plaidPost(emulator, '/link/token/create', {
      client_name: 'achbridge tests',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-1' },
      access_token: accessToken,
      webhook: after,
    });
    expect(link.status).toBe(200);
    await emulator.control.request(
      'POST',
      `/__emulator/plaid/link_tokens/${String(link.body['link_token'])}/complete`,
      {},
    );
    const repaired = (await plaidPost(emulator, '/item/get', { access_token: accessToken })).body[
      'item'
    ] as Row;
    expect(repaired['error']).toBeNull();
    expect(repaired['webhook']).toBe(before);
    // The repair is announced where the Item's webhook still points.
    expect(await events()).toContainEqual(
      expect.objectContaining({ url: before, webhookCode: 'LOGIN_REPAIRED', itemId }),
    );
    expect((await events()).filter((event) => event['url'] === after)).toEqual([]);

    const moved = await plaidPost(emulator, '/item/webhook/update', {
      access_token: accessToken,
      webhook: after,
    });
    expect((moved.body['item'] as Row)['webhook']).toBe(after);
    expect(await webhookOf()).toBe(after);
    expect(await events()).toContainEqual(
      expect.objectContaining({
        url: after,
        payload: expect.objectContaining({ webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED', item_id: itemId }),
      }),
    );
  });

  // Source: plaid-2020-09-14.yml, `/sandbox/item/reset_login` description: "In the Sandbox, Items will transition
  // to an `ITEM_LOGIN_REQUIRED` error state automatically after 30 days, even if this endpoint is not called."
  it('a Sandbox Item lapses into ITEM_LOGIN_REQUIRED 30 emulated days after it was created, and after a repair', async () => {
    expect(spec.sandboxItemResetLoginDescription).toContain('automatically after 30 days');
    const { accessToken, itemId } = await linkSandboxItem(emulator, { webhook: 'https://example.com/hook' });
    await emulator.control.advanceClock(30 * DAY_MS - 60_000);
    expect((await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).status).toBe(200);
    await emulator.control.advanceClock(60_000);
    const lapsed = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    expect(lapsed.status).toBe(400);
    expect(lapsed.body).toMatchObject({ error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' });
    const item = (await plaidPost(emulator, '/item/get', { access_token: accessToken })).body['item'] as Row;
    expect(item['error']).toMatchObject({ error_code: 'ITEM_LOGIN_REQUIRED' });
    const errors = (await events()).filter((event) => event['webhookCode'] === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.['payload']).toMatchObject({
      webhook_type: 'ITEM',
      item_id: itemId,
      error: { error_code: 'ITEM_LOGIN_REQUIRED', status: 400 },
    });
    // Link update mode repairs it; the new login lasts another 30 days.
    await emulator.control.plaid.repairItem(itemId);
    expect((await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).status).toBe(200);
    await emulator.control.advanceClock(29 * DAY_MS);
    expect((await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).status).toBe(200);
    await emulator.control.advanceClock(DAY_MS);
    const again = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    expect(again.body).toMatchObject({ error_code: 'ITEM_LOGIN_REQUIRED' });
    expect((await events()).filter((event) => event['webhookCode'] === 'ERROR')).toHaveLength(2);
  });
});
