export { Emulator, EmulatorOptions, RunningStripeEmulator, startStripeEmulator, EMULATOR_API_VERSION } from './emulator';
export { ApiRequest, EmulatorCore, Route } from './route';
export { signatureHeader } from './signature';
export { StripeEvent, WebhookEndpoint, DeliveryAttempt } from './webhooks';
