// CommonJS consumer fixture: require() of the ESM-only packages, which Node >= 20.19 loads synchronously
// (require(esm); the packages must not use top-level await). Run with `node index.cjs`.
'use strict';
const assert = require('node:assert/strict');
const core = require('@achbridge/core');
const stripe = require('@achbridge/stripe');
const dwolla = require('@achbridge/dwolla');
const emulator = require('@achbridge/emulator');
const modernTreasury = require('@achbridge/modern-treasury');

for (const [name, value] of [
  ['core.createPlaidClient', core.createPlaidClient],
  ['stripe.createStripeAdapter', stripe.createStripeAdapter],
  ['dwolla.createDwollaAdapter', dwolla.createDwollaAdapter],
  ['dwolla.createDwollaClient', dwolla.createDwollaClient],
  ['emulator.startEmulator', emulator.startEmulator],
  ['modernTreasury.createModernTreasuryAdapter', modernTreasury.createModernTreasuryAdapter],
]) {
  assert.equal(typeof value, 'function', `${name} is a function when required`);
}

// The required classes are the same ones the adapters throw: invalid input fails validation with a typed error.
const plaid = core.createPlaidClient({
  environment: 'sandbox',
  clientId: 'client-id',
  secret: 'plaid-secret',
});
assert.throws(
  () => stripe.createStripeAdapter({ plaid, stripe: { secretKey: 42 } }),
  (error) => core.InputValidationError.isInstance(error) && error instanceof core.AchBridgeError,
);

// A full round trip through the required emulator and Dwolla client.
(async () => {
  const running = await emulator.startEmulator();
  try {
    const client = dwolla.createDwollaClient({
      baseUrl: running.dwolla.baseUrl,
      key: running.dwolla.key,
      secret: running.dwolla.secret,
    });
    const adapter = dwolla.createDwollaAdapter({ plaid, dwolla: client });
    const customer = await adapter.createCustomer({
      firstName: 'Cee',
      lastName: 'Jay',
      email: 'cjs@example.com',
    });
    assert.equal(typeof customer.id, 'string');
    const mt = modernTreasury.createModernTreasuryAdapter({
      plaid,
      modernTreasury: {
        baseUrl: running.modernTreasury.baseUrl,
        organizationId: running.modernTreasury.organizationId,
        apiKey: running.modernTreasury.apiKey,
      },
    });
    const counterparty = await mt.createCounterparty({ name: 'Cee Jay', externalId: 'cjs-consumer' });
    assert.equal(typeof counterparty.id, 'string');
    console.log(
      `cjs consumer: required 5 packages, created Dwolla customer ${customer.id} and Modern Treasury counterparty ${counterparty.id} through the emulator`,
    );
  } finally {
    await running.close();
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
