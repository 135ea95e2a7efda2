/** Start the app: resume this tab's session (if any), learn what the service offers, render. */
import { render } from 'preact';
import { App } from './app.js';
import { loadFeatures } from './state/features.js';
import { resumeSession } from './state/session.js';

const root = document.getElementById('app')!;
void Promise.all([resumeSession(), loadFeatures()]).finally(() => {
  root.removeAttribute('aria-busy');
  render(<App />, root);
});
