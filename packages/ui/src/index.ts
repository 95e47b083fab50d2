export { buildUi, APP_DIR, WWW_DIR } from './build.js';
export { registerUi, uploadOptions, UI_CSP, type UiConfig } from './plugin.js';
