/**
 * `@billpay/sdk/admin-integration`: the billing office's integration desk over the practice API
 * with the console's connection from `@billpay/sdk/admin`: imports of statement runs with each
 * statement's outcome and issues (`/admin/v1/imports`), webhook endpoints with their delivery log
 * and replay (`/admin/v1/webhook-endpoints`), and the practice's API keys for its admins
 * (`/admin/v1/api-keys`). An entry of its own, beside `admin-desk`, so that neither the sign-in
 * screen nor the money and account pages load its schemas.
 * @module
 */
export {
  createApiKey,
  createWebhookEndpoint,
  getImport,
  importStatementRun,
  listApiKeys,
  listImports,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookDelivery,
  revokeApiKey,
  setWebhookEndpointEnabled,
} from './api/integration.js';
export type { ImportFile } from './api/integration.js';
export {
  API_KEY_SCOPES,
  ApiKeyListSchema,
  ApiKeySchema,
  ImportIssueSchema,
  ImportOutcomeSchema,
  ImportResultSchema,
  ImportRunDetailSchema,
  ImportRunListSchema,
  ImportRunSchema,
  NewApiKeySchema,
  NewWebhookEndpointSchema,
  WEBHOOK_EVENT_TYPES,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from './integration-schemas.js';
export type {
  ApiKey,
  ApiKeyScope,
  ImportIssue,
  ImportOutcome,
  ImportResult,
  ImportRun,
  ImportRunDetail,
  ImportRunList,
  NewApiKey,
  NewWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEventType,
} from './integration-schemas.js';
