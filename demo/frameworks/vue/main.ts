import { createApp } from 'vue';
import '../shared/frameworks.css';
import { preparePage } from '../shared/demo.js';
import App from './app.vue';

preparePage('Vue');
createApp(App).mount('#app');
