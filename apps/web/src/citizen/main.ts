import { createApp } from 'vue';
import App from './App.vue';
import '../app/app.css';

createApp(App).mount('#app');
