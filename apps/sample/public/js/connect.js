import { api } from './api.js';
import { byId, h, show } from './dom.js';
import { renderError } from './errors.js';
import { state, update } from './state.js';

let linkToken = null;
let pendingSuccess = null;

function accountLabel(institutionName, account) {
  return `${institutionName} · ${account.name}${account.mask ? ` ••${account.mask}` : ''}`;
}

function resetDialog() {
  byId('link-username').value = state.info.sandboxCredentials.username;
  byId('link-password').value = state.info.sandboxCredentials.password;
  byId('link-scenario').value = 'pass_good';
  show(byId('link-login'), true);
  show(byId('link-accounts'), false);
  show(byId('link-dialog-error'), false);
  byId('link-continue').textContent = 'Continue';
  byId('link-continue').disabled = false;
  pendingSuccess = null;
}

/** Link's onExit with an error: shows code, category and remediation from core's catalog. */
function onLinkError(error) {
  hideDuplicateWarning();
  renderError(byId('link-error'), error, 'Link failed:');
  byId('connected').textContent = state.itemId
    ? `Still linked: ${state.accountLabel} (Item ${state.itemId}).`
    : 'No bank connected.';
}

/** Link's onSuccess: checks for a duplicate Item before anything is exchanged. */
async function onLinkSuccess(publicToken, metadata) {
  const account = metadata.accounts.find((candidate) => candidate.id === metadata.accountId);
  update({
    link: { publicToken, institution: metadata.institution, accounts: metadata.accounts },
    accountId: metadata.accountId,
    itemId: null,
    allowDuplicate: false,
    accountLabel: accountLabel(metadata.institution.name, account),
  });
  show(byId('link-error'), false);
  const check = await api('POST', '/api/link/check_duplicate', {
    institutionId: metadata.institution.id,
    account: { name: account.name, mask: account.mask },
  });
  if (check.ok && check.data.duplicate) {
    showDuplicateWarning(check.data.match);
    return;
  }
  hideDuplicateWarning();
  byId('connected').textContent =
    `Connected: ${state.accountLabel}. Not exchanged yet — run a processor flow.`;
}

/**
 * Shows the duplicate-Item warning for `match` (an earlier Item with the same account) and blocks the flows
 * until the user picks "Use the existing Item" or "Link anyway"; focus moves to the first choice.
 */
export function showDuplicateWarning(match) {
  byId('duplicate-text').textContent =
    `${accountLabel(match.institutionName, { name: match.accountName, mask: match.accountMask })} is already linked ` +
    `(Item ${match.itemId}). Exchanging this public token would create a second Item for the same login, ` +
    'billed again in Production. Nothing has been exchanged yet.';
  byId('use-existing').onclick = () => {
    hideDuplicateWarning();
    update({
      link: null,
      itemId: match.itemId,
      accountId: match.accountId,
      accountLabel: accountLabel(match.institutionName, { name: match.accountName, mask: match.accountMask }),
    });
    byId('connected').textContent = `Using the existing Item ${match.itemId}: ${state.accountLabel}.`;
    byId('connected').focus();
  };
  byId('link-anyway').onclick = () => {
    hideDuplicateWarning();
    update({ allowDuplicate: true });
    byId('connected').textContent =
      `Connected (second Item, on purpose): ${state.accountLabel}. Run a flow to exchange.`;
    byId('connected').focus();
  };
  show(byId('duplicate-warning'), true);
  update({ pendingDuplicate: true });
  byId('connected').textContent = 'Duplicate account: choose below.';
  byId('use-existing').focus();
}

/** Hides the duplicate-Item warning and lets the flows run again. */
export function hideDuplicateWarning() {
  show(byId('duplicate-warning'), false);
  if (state.pendingDuplicate) update({ pendingDuplicate: false });
}

function renderAccounts(success) {
  const options = byId('link-account-options');
  const preferred = success.accounts.find((account) => account.subtype === 'checking') ?? success.accounts[0];
  options.replaceChildren(
    ...success.accounts.map((account) =>
      h(
        'label',
        { className: 'account-option' },
        h('input', {
          type: 'radio',
          name: 'account',
          value: account.id,
          checked: account.id === preferred?.id,
        }),
        `${account.name} ••${account.mask ?? '----'} (${account.subtype ?? account.type})`,
      ),
    ),
  );
  show(byId('link-login'), false);
  show(byId('link-accounts'), true);
  byId('link-continue').textContent = 'Link account';
  options.querySelector('input:checked')?.focus();
}

async function submitEmulatedLink(event) {
  event.preventDefault();
  const dialog = byId('link-dialog');
  const button = byId('link-continue');
  if (pendingSuccess) {
    const chosen = byId('link-account-options').querySelector('input:checked');
    if (!chosen) return;
    const success = pendingSuccess;
    dialog.close();
    await onLinkSuccess(success.publicToken, {
      institution: success.institution,
      accounts: success.accounts,
      accountId: chosen.value,
    });
    return;
  }
  button.disabled = true;
  button.textContent = 'Logging in…';
  const answer = await api('POST', '/api/emulator/link/complete', {
    linkToken,
    institutionId: byId('link-institution').value,
    username: byId('link-username').value,
    password: byId('link-password').value,
  });
  button.disabled = false;
  button.textContent = 'Continue';
  if (!answer.ok) {
    dialog.close();
    onLinkError(answer.data.error);
    return;
  }
  pendingSuccess = answer.data;
  renderAccounts(answer.data);
}

async function openRealLink() {
  const token = await api('POST', '/api/create_link_token');
  if (!token.ok) return onLinkError(token.data.error);
  const handler = window.Plaid.create({
    token: token.data.link_token,
    onSuccess: (publicToken, metadata) =>
      onLinkSuccess(publicToken, {
        institution: { id: metadata.institution.institution_id, name: metadata.institution.name },
        accounts: metadata.accounts.map((account) => ({
          id: account.id,
          name: account.name,
          mask: account.mask ?? null,
          type: account.type,
          subtype: account.subtype ?? null,
        })),
        accountId: metadata.accounts[0]?.id,
      }),
    onExit: async (error) => {
      if (!error) return;
      const described = await api('GET', `/api/plaid_errors/${encodeURIComponent(error.error_code)}`);
      onLinkError({
        code: error.error_code,
        message: error.display_message || error.error_message,
        category: described.ok ? described.data.category : 'unknown',
        remediation: described.ok ? described.data.remediation : undefined,
      });
    },
  });
  handler.open();
}

/** Opens Link: the emulated panel in emulator mode, Plaid Link from cdn.plaid.com otherwise. */
export async function openLink(institutionId) {
  show(byId('link-error'), false);
  if (state.info.mode !== 'emulator') return openRealLink();
  const token = await api('POST', '/api/create_link_token');
  if (!token.ok) return onLinkError(token.data.error);
  linkToken = token.data.link_token;
  resetDialog();
  if (institutionId) {
    const select = byId('link-institution');
    // An id the list does not have yet (the emulator gained it later): offer it as typed; Plaid validates it.
    if (![...select.options].some((option) => option.value === institutionId)) {
      select.append(h('option', { value: institutionId }, institutionId));
    }
    select.value = institutionId;
  }
  byId('link-dialog').showModal();
  byId('link-institution').focus();
}

function institutionOption(institution) {
  const notes = [institution.id];
  if (!institution.supportsAuth) notes.push('no Auth');
  if (institution.oauth) notes.push('OAuth');
  return h('option', { value: institution.id }, `${institution.name} (${notes.join(', ')})`);
}

/** Fills the emulated Link's institution list from the emulator itself (its /institutions/get). */
async function loadEmulatedInstitutions() {
  const select = byId('link-institution');
  const answer = await api('GET', '/api/emulator/link/institutions');
  if (!answer.ok) {
    renderError(byId('link-error'), answer.data.error, 'Could not list the emulated institutions:');
    return;
  }
  select.replaceChildren(...answer.data.institutions.map(institutionOption));
}

/** Wires the Connect section and the emulated Link dialog. */
export async function initConnect() {
  byId('link-scenario').addEventListener('change', (event) => {
    byId('link-password').value = event.target.value;
  });
  byId('open-link').addEventListener('click', () => openLink());
  byId('link-form').addEventListener('submit', submitEmulatedLink);
  byId('link-cancel').addEventListener('click', () => byId('link-dialog').close());
  if (state.info.mode !== 'emulator') {
    byId('connect-hint').textContent =
      'Opens Plaid Link (Sandbox). Log in with user_good / pass_good, or error_<CODE> as the password to simulate errors.';
    return;
  }
  await loadEmulatedInstitutions();
}
