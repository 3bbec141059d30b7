import { createApp } from 'vue';
import App from './App.vue';
import { lang } from './i18n';
import './app.css';

document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
createApp(App).mount('#app');

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' });
}
