import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/frameworks.css';
import { preparePage } from '../shared/demo.js';
import { App } from './app.js';

preparePage('React');
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
