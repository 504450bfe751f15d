import { mount } from 'svelte';
import '../shared/frameworks.css';
import { preparePage } from '../shared/demo.js';
import App from './app.svelte';

preparePage('Svelte');
mount(App, { target: document.getElementById('app')! });
